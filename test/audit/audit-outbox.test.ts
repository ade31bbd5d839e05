import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import { AUDIT_REPLAY_GRACE_MS, drainAuditOutbox, keepAuditEntries } from '../../src/audit/audit-outbox';
import { type AuditEntry, auditEntry } from '../../src/audit/entry';
import * as d1Schema from '../../src/db/d1-schema';
import { openPostgres } from '../../src/db/postgres';
import worker from '../../workers/index';
import { crm, uniqueEmail } from '../crm/crm-helpers';
import { uniqueMarker } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';
import { waitForAudit } from './audit-helpers';

const d1 = () => drizzle(env.DB, { schema: d1Schema });

const keptFor = (requestId: string) =>
  env.DB.prepare(`select entry_id from audit_outbox where json_extract(entry, '$.requestId') = ?`)
    .bind(requestId)
    .all<{ entry_id: string }>()
    .then((result) => result.results);

const systemEntry = (marker: string): AuditEntry =>
  auditEntry({ actor: { kind: 'system', id: marker }, action: 'test.kept', outcome: 'ok' });

async function inPostgres(entryIds: string[]): Promise<string[]> {
  const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
  try {
    const result = await postgres.pool.query('select entry_id from audit_log where entry_id = any($1)', [entryIds]);
    return (result.rows as { entry_id: string }[]).map((row) => row.entry_id).sort();
  } finally {
    await postgres.close();
  }
}

describe('happy', () => {
  it('keeps a state change in D1 before the response, and forgets it once Postgres has it', async () => {
    const response = await crm('/leads', ownerKey, {
      method: 'POST',
      json: { name: 'Kept First', email: uniqueEmail('kept'), company: 'Outbox Ltd' },
    });
    expect(response.status).toBe(201);
    const requestId = response.headers.get('x-request-id') ?? '';
    expect(await keptFor(requestId)).toHaveLength(1);

    const lead = (await response.json()) as { id: string };
    const page = await waitForAudit(`?target=leads:${lead.id}`, (p) => p.items.length > 0);
    expect(page.items[0]?.requestId).toBe(requestId);
    for (let wait = 0; wait < 40 && (await keptFor(requestId)).length > 0; wait += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await keptFor(requestId)).toEqual([]);
  });

  it('writes a queued batch to Postgres and forgets its entries in D1', async () => {
    const entries = [systemEntry(uniqueMarker('queued')), systemEntry(uniqueMarker('queued'))];
    await keepAuditEntries(d1(), entries);
    const batch = createMessageBatch('empire-jobs', [
      {
        id: `audit-${crypto.randomUUID()}`,
        timestamp: new Date(),
        attempts: 1,
        body: { kind: 'audit.entries', entries },
      },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages).toEqual([]);
    expect(result.retryBatch.retry).toBe(false);
    const ids = entries.map((entry) => entry.entryId).sort();
    expect(await inPostgres(ids)).toEqual(ids);
    const left = await env.DB.prepare(
      `select count(*) as n from audit_outbox where entry_id in ('${ids.join("','")}')`,
    ).first<{ n: number }>();
    expect(left?.n).toBe(0);
  });

  it('replays only what the queue has had its grace period to write, once', async () => {
    const old = systemEntry(uniqueMarker('replay-old'));
    const young = systemEntry(uniqueMarker('replay-young'));
    await keepAuditEntries(d1(), [old, young]);
    await env.DB.prepare('update audit_outbox set stored_at = ? where entry_id = ?')
      .bind(Date.now() - AUDIT_REPLAY_GRACE_MS - 1, old.entryId)
      .run();
    const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
    try {
      expect(await drainAuditOutbox(d1(), postgres.db)).toBeGreaterThanOrEqual(1);
      expect(await inPostgres([old.entryId, young.entryId])).toEqual([old.entryId]);
      const kept = await env.DB.prepare('select entry_id from audit_outbox where entry_id in (?, ?)')
        .bind(old.entryId, young.entryId)
        .all<{ entry_id: string }>();
      expect(kept.results).toEqual([{ entry_id: young.entryId }]);
    } finally {
      await postgres.close();
    }
  });
});
