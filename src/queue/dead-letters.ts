import type { D1Db } from '../db/d1';
import { deadLetters } from '../db/d1-schema';
import { jobMessage } from './messages';

const MAX_STORED_BODY = 64 * 1024;

function reasonFor(body: unknown): { kind: string | null; reason: string } {
  const parsed = jobMessage.safeParse(body);
  const kind = typeof body === 'object' && body !== null && 'kind' in body ? String(body.kind) : null;
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { kind, reason: `invalid message: ${issues}` };
  }
  return { kind, reason: 'retries exhausted' };
}

/**
 * Records each dead-lettered message in D1 before acknowledging it. The message id is the key,
 * so a redelivered batch records nothing twice; a failed write retries instead of losing it.
 */
export async function recordDeadLetters(batch: MessageBatch, db: D1Db): Promise<number> {
  const rows = batch.messages.map((message) => {
    const { kind, reason } = reasonFor(message.body);
    return {
      messageId: message.id,
      queue: batch.queue,
      kind,
      body: JSON.stringify(message.body ?? null).slice(0, MAX_STORED_BODY),
      attempts: message.attempts,
      reason,
      receivedAt: Date.now(),
    };
  });
  if (rows.length === 0) return 0;
  // D1 binds at most 100 parameters per statement: 7 columns x 14 rows stays under it.
  const statements = [];
  for (let start = 0; start < rows.length; start += 14) {
    statements.push(
      db
        .insert(deadLetters)
        .values(rows.slice(start, start + 14))
        .onConflictDoNothing(),
    );
  }
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
  batch.ackAll();
  return rows.length;
}
