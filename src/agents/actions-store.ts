import { and, eq, lt, or } from 'drizzle-orm';
import { actions, conversations, messages } from '../db/pg-schema';
import type { PostgresDatabase } from '../db/postgres';

export const actionKinds = ['ask', 'decide', 'brainstorm', 'run-task', 'pause', 'resume'] as const;
export type ActionKind = (typeof actionKinds)[number];
export const priorities = ['low', 'normal', 'high'] as const;
export type Priority = (typeof priorities)[number];
export const asPriority = (value: string): Priority =>
  (priorities as readonly string[]).includes(value) ? (value as Priority) : 'normal';

export type ActionRow = typeof actions.$inferSelect;

// A run that has not moved for this long is taken to have died with its consumer.
const STALE_RUN_MS = 15 * 60 * 1000;

export async function createAction(
  db: PostgresDatabase,
  action: {
    id: string;
    action: ActionKind;
    input: string;
    priority: Priority;
    agents: string[];
    requestedBy: string;
    status: ActionRow['status'];
  },
): Promise<void> {
  const [conversation] = await db
    .insert(conversations)
    .values({ agent: action.agents.join(','), title: `${action.action}: ${action.input.slice(0, 80)}` })
    .returning({ id: conversations.id });
  await db.insert(actions).values({ ...action, conversationId: conversation?.id ?? null });
}

export async function findAction(db: PostgresDatabase, id: string): Promise<ActionRow | undefined> {
  const [row] = await db.select().from(actions).where(eq(actions.id, id)).limit(1);
  return row;
}

/** Takes a queued action (or one whose run went stale) for this consumer; undefined if someone else has it. */
export async function claimAction(db: PostgresDatabase, id: string, now = Date.now()): Promise<ActionRow | undefined> {
  const [row] = await db
    .update(actions)
    .set({ status: 'running', updatedAt: new Date(now) })
    .where(
      and(
        eq(actions.id, id),
        or(
          eq(actions.status, 'queued'),
          and(eq(actions.status, 'running'), lt(actions.updatedAt, new Date(now - STALE_RUN_MS))),
        ),
      ),
    )
    .returning();
  return row;
}

export async function settleAction(
  db: PostgresDatabase,
  id: string,
  outcome: { status: 'done' | 'failed' | 'queued'; result?: string; error?: string; costMicros?: number },
): Promise<void> {
  await db
    .update(actions)
    .set({
      status: outcome.status,
      result: outcome.result ?? null,
      error: outcome.error ?? null,
      ...(outcome.costMicros === undefined ? {} : { costMicros: outcome.costMicros }),
      updatedAt: new Date(),
    })
    .where(eq(actions.id, id));
}

export interface MessageRecord {
  conversationId: string;
  role: 'user' | 'assistant';
  content: string;
  model?: string;
  provider?: string;
  tokensIn?: number;
  tokensOut?: number;
  costMicros?: number;
  latencyMs?: number;
  requestId?: string;
}

/** Appends to the audit trail of messages. */
export async function recordMessages(db: PostgresDatabase, records: MessageRecord[]): Promise<void> {
  if (records.length > 0) await db.insert(messages).values(records);
}
