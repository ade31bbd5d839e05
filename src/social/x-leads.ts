import { and, eq, inArray, lt } from 'drizzle-orm';
import type { ChatClient } from '../content/llm-json';
import { readAnswer } from '../content/llm-json';
import { addEvent, changeLead, createLead, findLead } from '../crm/lead-store';
import type { D1Db } from '../db/d1';
import { type XPostRow, xPosts } from '../db/social-schema';
import { errorMessage } from '../lib/error-message';
import { type IntentReading, intentMessages, intentSchema, isLead } from './intent';

// The X lead machine's second half: each stored post is classified once through the router, and a
// post showing buying intent becomes a CRM lead (source x) with the post as evidence. A known
// author is merged into their existing lead. A post is tried at most MAX_TRIES times, and its row
// records what came of it, so no post is ever turned into a lead twice.

const MAX_TRIES = 3;
const BATCH = 25;

export interface LeadsOutcome {
  classified: number;
  leads: { postId: string; leadId: string; merged: boolean }[];
  failed: { postId: string; error: string }[];
  costMicros: number;
}

export const postUrl = (post: Pick<XPostRow, 'postId' | 'username'>) =>
  `https://x.com/${post.username ?? 'i/web'}/status/${post.postId}`;

/** X accounts have no email; a reserved .invalid address keeps the CRM's one-lead-per-address rule per handle. */
const handleEmail = (post: XPostRow) => `${(post.username ?? `id${post.authorId}`).toLowerCase()}@x.invalid`;

async function claimNext(db: D1Db, limit: number): Promise<XPostRow[]> {
  const candidates = await db
    .select()
    .from(xPosts)
    .where(and(inArray(xPosts.status, ['pending', 'failed']), lt(xPosts.attempts, MAX_TRIES)))
    .orderBy(xPosts.receivedAt)
    .limit(limit)
    .all();
  const claimed: XPostRow[] = [];
  for (const post of candidates) {
    const row = await db
      .update(xPosts)
      .set({ status: 'working', attempts: post.attempts + 1 })
      .where(and(eq(xPosts.postId, post.postId), eq(xPosts.status, post.status), eq(xPosts.attempts, post.attempts)))
      .returning()
      .get();
    if (row) claimed.push(row);
  }
  return claimed;
}

async function upsertLead(db: D1Db, post: XPostRow, reading: IntentReading, now: number) {
  const url = postUrl(post);
  const note = `X post ${url}: ${JSON.stringify(post.text)}`;
  const evidence = {
    kind: 'evidence' as const,
    data: {
      channel: 'x',
      postId: post.postId,
      url,
      text: post.text,
      confidence: reading.confidence,
      reason: reading.reason,
    },
  };
  const created = await createLead(
    db,
    {
      name: reading.name ?? post.displayName ?? `@${post.username ?? post.authorId}`,
      email: handleEmail(post),
      company: reading.company,
      title: reading.role,
      source: 'x',
      notes: note,
      status: 'new',
      budgetCurrency: 'EUR',
    },
    'x-leads',
    now,
  );
  if (created.ok) {
    await addEvent(db, created.lead.id, evidence, 'x-leads', now);
    return { leadId: created.lead.id, merged: false };
  }
  if (!created.existingId) throw new Error('duplicate lead vanished');
  // The author is known: keep the new post as evidence on their lead, fill what it adds.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const lead = await findLead(db, created.existingId);
    if (!lead) break;
    const patch = {
      notes: [lead.notes, note].filter(Boolean).join('\n\n').slice(0, 20_000),
      ...(lead.company === null && reading.company ? { company: reading.company } : {}),
      ...(lead.title === null && reading.role ? { title: reading.role } : {}),
    };
    const changed = await changeLead(db, lead, patch, { actor: 'x-leads', now, reason: 'updated', events: [evidence] });
    if (changed.ok) return { leadId: lead.id, merged: true };
  }
  throw new Error('the lead kept changing; will retry');
}

export async function classifyPosts(
  db: D1Db,
  llm: ChatClient,
  context: { requestId: string; now(): number },
): Promise<LeadsOutcome> {
  const outcome: LeadsOutcome = { classified: 0, leads: [], failed: [], costMicros: 0 };
  for (const post of await claimNext(db, BATCH)) {
    try {
      const result = await llm.chat({
        messages: intentMessages(post),
        maxTokens: 300,
        temperature: 0,
        json: true,
        taskClass: 'simple',
        scopes: { agent: 'numbers', task: 'x_leads' },
        requestId: context.requestId,
      });
      outcome.costMicros += result.costMicros;
      const reading = readAnswer(result.text, intentSchema);
      if (!reading.ok) throw new Error(reading.problem);
      outcome.classified += 1;
      const lead = isLead(reading.value) ? await upsertLead(db, post, reading.value, context.now()) : undefined;
      await db
        .update(xPosts)
        .set({
          status: 'done',
          intent: reading.value.intent,
          reading: reading.value,
          leadId: lead?.leadId ?? null,
          error: null,
          processedAt: context.now(),
        })
        .where(eq(xPosts.postId, post.postId));
      if (lead) outcome.leads.push({ postId: post.postId, ...lead });
    } catch (error) {
      const message = errorMessage(error).slice(0, 500);
      await db.update(xPosts).set({ status: 'failed', error: message }).where(eq(xPosts.postId, post.postId));
      outcome.failed.push({ postId: post.postId, error: message });
    }
  }
  return outcome;
}
