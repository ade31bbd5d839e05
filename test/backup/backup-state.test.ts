import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { agentObject, budgetLedger, swarmRunObject } from '../../durable-objects/clients';
import { ChromaCollections } from '../../src/backup/chroma-collections';
import type { BackupManifest } from '../../src/backup/manifest';
import type { StateDump } from '../../src/backup/state-dump';
import { type ErrorShape, workerFetch } from '../helpers/fetch';
import { ownerKey } from '../helpers/keys';
import { crashedRun } from '../helpers/swarm-storage';
import { fireTick, runsOf } from '../workflows/helpers';

const suffix = crypto.randomUUID().slice(0, 8);
const COLLECTION = `bk-src-${suffix}`;
const tick = Date.UTC(2026, 11, 1, 2, 30);
const id = '2026-12-01T02-30-00-000Z';
const chroma = new ChromaCollections(env.CHROMA_URL ?? '');

const restore = (body: unknown) =>
  workerFetch(`/api/backups/${id}/restore`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const embedding = (seed: number) => Array.from({ length: 8 }, (_, index) => Math.fround(Math.sin(seed + index)));

async function recordsOf(name: string) {
  const collection = (await chroma.list()).find((entry) => entry.name === name);
  if (!collection) throw new Error(`no collection ${name}`);
  return { collection, records: await chroma.records(collection.id, 0, 100) };
}

describe('happy', () => {
  it('backs up the ledger, every agent, unfinished swarm runs and Chroma, and restores them', async () => {
    const ledger = budgetLedger(env);
    await ledger.setCap({ kind: 'agent', id: 'ceo' }, 'day', 4_000_000);
    const drawn = await ledger.draw({
      scopes: [{ kind: 'global', id: '*' }],
      wantMicros: 20_000,
      minMicros: 1_000,
      at: Date.now(),
    });
    expect(drawn.ok).toBe(true);
    const ceo = agentObject(env, 'ceo');
    await ceo.begin('ceo', 'act-1', 'plan the week');
    await ceo.finish('ceo', {
      actionId: 'act-1',
      prompt: 'Plan the week',
      text: 'Ship the backups.',
      tokensIn: 12,
      tokensOut: 5,
      costMicros: 340,
      client: 'test',
    });
    const runId = await crashedRun({ items: ['a', 'b', 'c'], sent: 3, dueAt: Date.now() + 3_600_000 });
    const collectionId = await chroma.create(COLLECTION, { embedding_model: 'local-hash' }, 'cosine');
    await chroma.add(collectionId, {
      ids: ['n1', 'n2', 'n3'],
      documents: ['first "quoted" nugget', 'zweite Notiz', null],
      metadatas: [{ kind: 'fact', created: 1 }, null, { kind: 'lesson', tags: 'x' }],
      embeddings: [embedding(1), embedding(2), embedding(3)],
    });
    const ledgerBefore = await ledger.exportState();
    const ceoBefore = await ceo.exportState();
    const runBefore = await swarmRunObject(env, runId).exportState();

    await fireTick('30 2 * * *', tick);
    const [run] = await runsOf('backup');
    expect(run?.status).toBe('succeeded');
    const manifest = (await (await env.BACKUPS.get(`backups/${id}/manifest.json`))?.json()) as BackupManifest;
    const objects = manifest.durableObjects ?? [];
    expect(objects.filter((entry) => entry.class === 'BrainAgent').map((entry) => entry.name)).toEqual([
      'visionary',
      'ceo',
      'mouth',
      'numbers',
      'drive',
      'hands',
      'memory',
    ]);
    const ledgerEntry = objects.find((entry) => entry.class === 'BudgetLedger');
    expect(ledgerEntry).toMatchObject({ name: 'global', schemaVersion: 3 });
    // Caps (the two defaults and the agent's), the day's and the month's reservation, one lease.
    expect(ledgerEntry?.rows).toBe(3 + 2 + 1);
    expect(objects.find((entry) => entry.name === 'ceo')?.rows).toBe(1 + 2);
    expect(objects.find((entry) => entry.class === 'SwarmRun' && entry.name === runId)?.rows).toBe(1 + 1 + 3);
    const collection = manifest.chroma?.find((entry) => entry.collection === COLLECTION);
    expect(collection).toMatchObject({ rows: 3, space: 'cosine', metadata: { embedding_model: 'local-hash' } });
    for (const entry of [...objects, ...(manifest.chroma ?? [])]) {
      const bytes = await (await env.BACKUPS.get(entry.key))?.arrayBuffer();
      const digest = await crypto.subtle.digest('SHA-256', bytes ?? new ArrayBuffer(0));
      expect(Buffer.from(digest).toString('hex'), entry.key).toBe(entry.sha256);
    }

    // The live objects move on, then the backup takes them back.
    await ledger.setCap({ kind: 'agent', id: 'ceo' }, 'day', 9_000_000);
    await ceo.setPaused('ceo', true);
    const response = await restore({ durableObjects: true, chromaPrefix: `back-${suffix}-` });
    expect(response.status).toBe(200);
    const result = (await response.json()) as { durableObjects: { name: string; rows: number }[]; chroma: unknown[] };
    expect(result.durableObjects.find((entry) => entry.name === runId)?.rows).toBe(5);
    expect(result.chroma).toContainEqual({ collection: `back-${suffix}-${COLLECTION}`, rows: 3 });
    expect(await ledger.exportState()).toEqual(ledgerBefore);
    expect(await ceo.exportState()).toEqual(ceoBefore);
    expect((await ceo.summary('ceo')).status).toBe('idle');
    // The run is back with its jobs, running; what its index was last told moves with its alarm.
    const runAfter = await swarmRunObject(env, runId).exportState();
    expect(runAfter.tables.jobs).toEqual(runBefore.tables.jobs);
    const { indexed, index_tried_at, ...runRow } = runBefore.tables.run?.[0] ?? {};
    expect(runAfter.tables.run?.[0]).toMatchObject({ ...runRow, indexed: expect.any(String) });
    expect((await swarmRunObject(env, runId).status())?.progress.status).toBe('running');

    const source = await recordsOf(COLLECTION);
    const copy = await recordsOf(`back-${suffix}-${COLLECTION}`);
    const { embeddings, ...rest } = copy.records;
    expect(rest).toEqual({ ...source.records, embeddings: undefined });
    // Chroma keeps float32 and writes it back in JSON with fewer digits than it read: within one ulp.
    embeddings.forEach((vector, row) => {
      vector.forEach((value, index) => {
        expect(value).toBeCloseTo(source.records.embeddings[row]?.[index] ?? Number.NaN, 6);
      });
    });
    expect(copy.collection).toMatchObject({ metadata: { embedding_model: 'local-hash' }, space: 'cosine' });
  }, 60_000);
});

describe('errors', () => {
  it('refuses a Chroma target that exists, and a Durable Object dump of an unknown schema version', async () => {
    const again = await restore({ chromaPrefix: `back-${suffix}-` });
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorShape).error.message).toContain('already exists');

    const manifest = (await (await env.BACKUPS.get(`backups/${id}/manifest.json`))?.json()) as BackupManifest;
    const [first, ...rest] = manifest.durableObjects ?? [];
    if (!first) throw new Error('no Durable Object in the backup');
    await env.BACKUPS.put(
      `backups/${id}/manifest.json`,
      JSON.stringify({ ...manifest, durableObjects: [{ ...first, schemaVersion: 99 }, ...rest] }),
    );
    const newer = await restore({ durableObjects: true });
    expect(newer.status).toBe(409);
    expect(((await newer.json()) as ErrorShape).error.message).toContain('schema version 99');

    // Settled here: a property read on an RPC promise (as expect's would be) starts a pipelined call.
    const refusal = (dump: StateDump) =>
      agentObject(env, 'hands')
        .importState(dump, { resume: false })
        .then(
          () => 'imported',
          (error: Error) => error.message,
        );
    expect(await refusal({ schemaVersion: 0, tables: { agent: [] } })).toBe(
      'BrainAgent backup is at schema version 0; this code restores version 1 only',
    );
    expect(await refusal({ schemaVersion: 1, tables: { secrets: [] } })).toBe(
      'BrainAgent has no table secrets to restore',
    );
  });

  it('answers bad restore requests with 400', async () => {
    expect((await restore({ chromaPrefix: 'Bad Prefix' })).status).toBe(400);
    expect((await restore({ durableObjects: 'yes' })).status).toBe(400);
    expect((await restore({ durableObjects: false })).status).toBe(400);
  });
});
