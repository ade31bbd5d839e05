import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { AUDIT_REPLAY_GRACE_MS } from '../../src/audit/audit-outbox';
import { openPostgres } from '../../src/db/postgres';
import worker from '../../workers/index';
import { uniqueMarker } from '../helpers/gateway';
import { fireTick } from '../workflows/helpers';

async function deliverDead(body: unknown) {
  const batch = createMessageBatch('empire-jobs-dlq', [
    { id: `dl-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 6, body },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let wait = 0; wait < 60 && !done(value); wait += 1) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}

describe('errors', { timeout: 60_000 }, () => {
  it('hands dead-lettered ledger and audit entries to stores that reach Postgres', async () => {
    const marker = uniqueMarker('rescue');
    const entryId = crypto.randomUUID();
    const ledger = await deliverDead({
      kind: 'ledger.entries',
      entries: [
        {
          requestId: `${marker}-call`,
          at: Date.now(),
          provider: 'moonshot',
          model: 'moonshot/kimi-k2.5',
          tokensIn: 3,
          tokensOut: 2,
          costMicros: 11,
          latencyMs: 4,
          status: 'ok',
          cacheHit: false,
          scopes: { run: marker },
        },
      ],
    });
    expect(ledger.ackAll).toBe(true);
    const audit = await deliverDead({
      kind: 'audit.entries',
      entries: [
        {
          entryId,
          at: Date.now(),
          actor: { kind: 'system', id: marker },
          action: 'test.rescue',
          outcome: 'ok',
          costMicros: 0,
          details: {},
        },
      ],
    });
    expect(audit.ackAll).toBe(true);

    const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
    try {
      const rows = await poll(
        async () =>
          (
            await postgres.pool.query('select cost_micros::int as cost from spend_ledger where scope_run = $1', [
              marker,
            ])
          ).rows,
        (found) => found.length > 0,
      );
      expect(rows).toEqual([{ cost: 11 }]);
      const kept = env.DB.prepare('select count(*) as n from audit_outbox where entry_id = ?').bind(entryId);
      expect((await kept.first<{ n: number }>())?.n).toBe(1);

      // The hourly health check writes the audit entries kept past their grace, and forgets them.
      await env.DB.prepare('update audit_outbox set stored_at = ? where entry_id = ?')
        .bind(Date.now() - AUDIT_REPLAY_GRACE_MS - 1, entryId)
        .run();
      await fireTick('*/5 * * * *', Date.UTC(2026, 4, 3, 9, 5));
      const logged = await postgres.pool.query('select action from audit_log where entry_id = $1', [entryId]);
      expect(logged.rows).toEqual([{ action: 'test.rescue' }]);
      expect((await kept.first<{ n: number }>())?.n).toBe(0);
    } finally {
      await postgres.pool.query('delete from spend_ledger where scope_run = $1', [marker]);
      await postgres.pool.query('delete from audit_log where entry_id = $1', [entryId]);
      await postgres.close();
    }
  });
});
