import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { addressHash } from '../../src/crm/erased-addresses';
import { reapplyErasures } from '../../src/crm/reapply-erasures';
import { crm, newLead } from '../crm/crm-helpers';
import { workerFetch } from '../helpers/fetch';
import { ownerKey } from '../helpers/keys';
import { fireTick, runsOf } from '../workflows/helpers';

// A backup taken before an erasure still holds the person; restoring it must not bring them back.

const tick = Date.UTC(2026, 11, 1, 2, 30);
const id = '2026-12-01T02-30-00-000Z';

const rows = async (db: D1Database, sql: string, ...params: unknown[]) =>
  (
    await db
      .prepare(sql)
      .bind(...params)
      .all()
  ).results;

describe('a restore after an erasure', () => {
  it('erases again every restored lead whose address is on the live hashed list', async () => {
    const kept = await newLead(ownerKey, { name: 'Kept Customer' });
    const gone = await newLead(ownerKey, { name: 'Erased Person' });
    await crm(`/leads/${gone.id}/outreach`, ownerKey, { method: 'POST', json: { channel: 'email', summary: 'hello' } });

    // Postgres is left out: this test is about D1, and the live schema is shared by every file.
    await fireTick('30 2 * * *', tick, { env: { ...env, DATABASE_URL: '' } as Env });
    const [run] = await runsOf('backup');
    expect(run?.status).toBe('succeeded');

    expect((await crm(`/leads/${gone.id}`, ownerKey, { method: 'DELETE' })).status).toBe(200);
    const restored = await workerFetch(`/api/backups/${id}/restore`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ d1Binding: 'DB_RESTORE' }),
    });
    expect(restored.status).toBe(200);

    const leadIds = (await rows(env.DB_RESTORE, 'select id from leads')).map((row) => row.id);
    expect(leadIds).toContain(kept.id);
    expect(leadIds).not.toContain(gone.id);
    expect(await rows(env.DB_RESTORE, 'select id from lead_events where lead_id = ?', gone.id)).toEqual([]);
    expect(await rows(env.DB_RESTORE, 'select * from email_suppression_hashes')).toEqual([
      expect.objectContaining({ email_hash: await addressHash(gone.email), reason: 'erased' }),
    ]);
    // Nothing left to do: running it again erases nothing.
    expect(await reapplyErasures(env.DB_RESTORE, env.DB)).toBe(0);
  });
});
