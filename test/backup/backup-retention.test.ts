import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { fireTick, runsOf } from '../workflows/helpers';

const tick = Date.UTC(2026, 11, 7, 2, 30);

async function seedBackup(id: string, finished: boolean) {
  await env.BACKUPS.put(`backups/${id}/d1/leads.ndjson`, '{"id":"a"}\n');
  await env.BACKUPS.put(`backups/${id}/postgres/users.ndjson`, '{"id":"b"}\n');
  if (finished) await env.BACKUPS.put(`backups/${id}/manifest.json`, JSON.stringify({ id }));
}

async function keysUnder(prefix: string) {
  return (await env.BACKUPS.list({ prefix })).objects.map((object) => object.key);
}

describe('happy', () => {
  it('deletes, after writing its manifest, every object of the backups the retention rule drops', async () => {
    await seedBackup('2026-11-20T02-30-00-000Z', true);
    await seedBackup('2026-11-30T02-30-00-000Z', true);
    await seedBackup('2026-12-04T02-30-00-000Z', false);
    await seedBackup('2026-12-05T02-30-00-000Z', true);
    await seedBackup('2026-12-06T02-30-00-000Z', true);
    // Not a backup id: never touched.
    await env.BACKUPS.put('backups/notes/readme.txt', 'kept');

    const keep = { BACKUP_KEEP_DAILY: '2', BACKUP_KEEP_WEEKLY: '0', BACKUP_KEEP_MONTHLY: '2' };
    await fireTick('30 2 * * *', tick, { env: { ...env, ...keep } as Env });
    const [run] = await runsOf('backup');
    expect(run?.status).toBe('succeeded');
    const steps = JSON.parse(run?.steps ?? '[]') as { name: string; output?: unknown }[];
    expect(steps.find((step) => step.name === 'retention')?.output).toEqual({
      deleted: ['2026-11-20T02-30-00-000Z', '2026-12-04T02-30-00-000Z', '2026-12-05T02-30-00-000Z'],
    });

    for (const gone of ['2026-11-20', '2026-12-04', '2026-12-05'])
      expect(await keysUnder(`backups/${gone}T`), gone).toEqual([]);
    // Kept: the two newest days (tonight's and yesterday's) and November's newest.
    expect(await keysUnder('backups/2026-12-06T')).toHaveLength(3);
    expect(await keysUnder('backups/2026-11-30T')).toHaveLength(3);
    expect(await keysUnder('backups/2026-12-07T02-30-00-000Z/manifest.json')).toHaveLength(1);
    expect(await keysUnder('backups/notes/')).toEqual(['backups/notes/readme.txt']);
  }, 60_000);
});
