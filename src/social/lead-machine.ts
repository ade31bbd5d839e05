import type { XClient } from '../channels/x/client';
import type { ChatClient } from '../content/llm-json';
import type { D1Db } from '../db/d1';
import { type MentionsRead, readMentions } from './mentions';
import { classifyPosts, type LeadsOutcome } from './x-leads';

export interface LeadMachineRun {
  mentions: MentionsRead | { skipped: string };
  leads: LeadsOutcome;
}

/**
 * Reads new mentions (when X is configured) and classifies every stored post not done yet. Posts
 * stored by an earlier run whose classification failed are retried even when X cannot be read.
 */
export async function runLeadMachine(
  db: D1Db,
  x: { client: XClient; userId: string } | undefined,
  llm: ChatClient,
  context: { requestId: string; now(): number },
): Promise<LeadMachineRun> {
  const mentions = x
    ? await readMentions(db, x.client, x.userId, context.now())
    : { skipped: 'X is not configured (X_USER_TOKEN and X_USER_ID)' };
  return { mentions, leads: await classifyPosts(db, llm, context) };
}
