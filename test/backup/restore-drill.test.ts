import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { agentObject } from '../../durable-objects/clients';
import { ChromaCollections } from '../../src/backup/chroma-collections';
import type { BackupManifest } from '../../src/backup/manifest';
import { openPostgres } from '../../src/db/postgres';
import { eventually, receivedAlerts } from '../channels/alert-helpers';
import { telegramCalls } from '../channels/telegram-helpers';
import { workerFetch } from '../helpers/fetch';
import { ownerKey } from '../helpers/keys';
import { fireTick, runsOf } from '../workflows/helpers';

const suffix = crypto.randomUUID().slice(0, 8);
const chroma = new ChromaCollections(env.CHROMA_URL);
const backupTick = Date.UTC(2026, 11, 5, 2, 30);
const backupId = '2026-12-05T02-30-00-000Z';
const DRILL = '0 4 * * 0';

const tagOf = (runId: string) => runId.replaceAll('-', '').slice(0, 12);

async function scratchLeft(tag: string) {
  const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
  try {
    const schemas = await postgres.pool.query('select 1 from pg_namespace where nspname = $1', [
      `restore_drill_${tag}`,
    ]);
    const tables = await env.DB_RESTORE_DRILL.prepare(
      "select name from sqlite_master where type = 'table' and name not like '_cf_%' and name not like 'sqlite_%'",
    ).all();
    const collections = (await chroma.list()).filter((entry) => entry.name.startsWith(`restore-drill-${tag}-`));
    // Erased: empty tables, as a new object has.
    const agent = await agentObject(env, `restore-drill-${tag}:ceo` as 'ceo').exportState();
    return {
      postgresSchemas: schemas.rowCount,
      d1Tables: tables.results.length,
      chromaCollections: collections.length,
      agentRows: Object.values(agent.tables).flat().length,
    };
  } finally {
    await postgres.close();
  }
}

const clean = { postgresSchemas: 0, d1Tables: 0, chromaCollections: 0, agentRows: 0 };

describe('happy', () => {
  it('restores the newest backup into scratch targets, checks it, drops them and tells the owner', async () => {
    const lead = await workerFetch('/api/crm/leads', {
      method: 'POST',
      headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Drill Lead', email: `drill-${suffix}@example.com`, company: 'Acme' }),
    });
    expect(lead.status).toBe(201);
    const ceo = agentObject(env, 'ceo');
    await ceo.begin('ceo', 'act-drill', 'rehearse');
    await ceo.finish('ceo', {
      actionId: 'act-drill',
      prompt: 'Rehearse',
      text: 'Done.',
      tokensIn: 1,
      tokensOut: 1,
      costMicros: 10,
      client: 'test',
    });
    const collectionId = await chroma.create(`drill-src-${suffix}`, { embedding_model: 'local-hash' }, 'cosine');
    await chroma.add(collectionId, {
      ids: ['a', 'b'],
      documents: ['one', 'two'],
      metadatas: [{ kind: 'fact' }, { kind: 'fact' }],
      embeddings: [
        [0.1, 0.2, 0.3],
        [0.3, 0.2, 0.1],
      ],
    });
    await fireTick('30 2 * * *', backupTick);
    expect((await runsOf('backup'))[0]?.status).toBe('succeeded');
    const manifest = (await (await env.BACKUPS.get(`backups/${backupId}/manifest.json`))?.json()) as BackupManifest;

    await fireTick(DRILL, Date.UTC(2026, 11, 6, 4, 0));
    const [run] = await runsOf('restore_drill');
    expect(run?.error).toBeNull();
    expect(run).toMatchObject({ status: 'succeeded', cron: DRILL });
    const steps = JSON.parse(run?.steps ?? '[]') as { name: string; output?: unknown }[];
    const objects = [
      ...manifest.d1.tables,
      ...(manifest.postgres?.tables ?? []),
      ...(manifest.durableObjects ?? []),
      ...(manifest.chroma ?? []),
    ];
    expect(steps.find((step) => step.name === 'restore')?.output).toEqual({
      id: backupId,
      objects: objects.length,
      rows: objects.reduce((sum, entry) => sum + entry.rows, 0),
      parts: ['d1', 'postgres', 'durable objects', 'chroma'],
    });
    expect(manifest.chroma?.map((entry) => entry.collection)).toContain(`drill-src-${suffix}`);
    const told = (await telegramCalls()).filter(
      (call) => call.method === 'sendMessage' && String(call.body.text).includes(`backup ${backupId} restored`),
    );
    expect(told).toHaveLength(1);
    expect(String(told[0]?.body.text)).toContain('Restore drill passed');
    expect(await scratchLeft(tagOf(run?.id ?? ''))).toEqual(clean);
  }, 90_000);
});

describe('errors', () => {
  it('fails on a damaged backup, alerts every sink, and leaves no scratch copy behind', async () => {
    const manifest = (await (await env.BACKUPS.get(`backups/${backupId}/manifest.json`))?.json()) as BackupManifest;
    const leads = manifest.d1.tables.find((entry) => entry.table === 'leads');
    await env.BACKUPS.put(leads?.key ?? '', '{"id":"forged"}\n');

    await fireTick(DRILL, Date.UTC(2026, 11, 13, 4, 0));
    const run = (await runsOf('restore_drill')).find((row) => row.tick === Date.UTC(2026, 11, 13, 4, 0));
    expect(run).toMatchObject({ status: 'failed', failed_step: 'restore' });
    expect(run?.error).toContain(`backup object ${leads?.key} is damaged`);
    const alerts = await eventually(() => receivedAlerts(run?.id ?? 'no run'));
    expect(JSON.stringify(alerts[0]?.body)).toContain('Weekly restore drill');
    expect(await scratchLeft(tagOf(run?.id ?? ''))).toEqual(clean);
  }, 90_000);

  it('skips when no backup has finished', async () => {
    const listed = await env.BACKUPS.list({ prefix: 'backups/' });
    await env.BACKUPS.delete(listed.objects.map((object) => object.key));
    await fireTick(DRILL, Date.UTC(2026, 11, 20, 4, 0));
    const run = (await runsOf('restore_drill')).find((row) => row.tick === Date.UTC(2026, 11, 20, 4, 0));
    expect(run).toMatchObject({ status: 'skipped' });
  });
});
