import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erasePersonalData } from '../../src/crm/data-subject';
import { isErased } from '../../src/crm/erased-addresses';
import * as d1Schema from '../../src/db/d1-schema';
import { openPostgres } from '../../src/db/postgres';
import { UnavailableError } from '../../src/lib/domain-errors';
import { RedisRest } from '../../src/lib/redis-rest';
import { addressSubject, leadSubject, subjectIndexKey } from '../../src/llm/cache-subjects';
import { NuggetCatalogue } from '../../src/memory/catalogue';
import { ChromaStore } from '../../src/memory/chroma-store';
import { LongTermMemory } from '../../src/memory/long-term-memory';
import { gatewayClient, uniqueMarker } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';
import { rememberOk, requireChroma, searchOk, uniqueWord } from '../memory/memory-helpers';
import { crm, type Lead, newLead } from './crm-helpers';

// What Postgres, Chroma and Redis hold on a lead, read and removed through the real routes.

const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
const redis = new RedisRest({ url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN, timeoutMs: 5_000 });
const query = async (text: string, params: unknown[]) => (await postgres.pool.query(text, params)).rows;

beforeAll(requireChroma);
afterAll(async () => {
  await query(`delete from spend_ledger_daily where day = '2000-01-01' and provider = 'ollama'`, []);
  await postgres.close();
});

/** A lead named in a conversation, an audit entry, a ledger row, a memory nugget and a cached answer. */
async function leadHeldEverywhere() {
  const word = uniqueWord('privacy');
  const name = `Ottilie ${word}`;
  const lead: Lead = await newLead(ownerKey, { name, notes: `${word}: wants an audit next quarter` });
  const [conversation] = await query(
    `insert into conversations (agent, title) values ('ceo', 'Pipeline') returning id`,
    [],
  );
  await query(`insert into messages (conversation_id, role, content) values ($1, 'user', $2), ($1, 'assistant', $3)`, [
    conversation?.id,
    `Draft a follow-up to ${lead.email}`,
    'Here is a neutral draft.',
  ]);
  await query(
    `insert into audit_log (entry_id, actor_kind, actor_id, action, target_type, target_id, outcome, details)
     values (gen_random_uuid(), 'key', 'owner', 'PATCH /api/crm/leads/{id}', 'leads', $1, 'ok', $2)`,
    [lead.id, JSON.stringify({ email: lead.email })],
  );
  const callId = crypto.randomUUID();
  await query(
    `insert into spend_ledger (call_id, request_id, provider, model, cost_micros, status, end_user, metadata)
     values ($1, $1, 'ollama', 'ollama/qwen', 1234, 'ok', $2, $3)`,
    [callId, lead.email.toUpperCase(), JSON.stringify({ lead: lead.id })],
  );
  // A day folded out of the ledger long ago, when the lead was a gateway caller's end user.
  await query(
    `insert into spend_ledger_daily (day, kind, provider, model, status, scope_client, end_user, calls, cache_hits,
       tokens_in, tokens_out, cost_micros) values ('2000-01-01', 'call', 'ollama', 'ollama/qwen', 'ok', $1, $2, 3, 0, 30, 9, 777)`,
    [callId, lead.email],
  );
  const nugget = await rememberOk({
    text: `Lesson from ${name}: ${word} buyers ask for references first`,
    kind: 'lesson',
    source: 'agent:ceo',
  });
  const unrelated = await rememberOk({
    text: `Lesson ${word}: keep proposals short`,
    kind: 'lesson',
    source: 'agent:ceo',
  });
  // Enrichment is a deterministic call, so its answer is cached and listed under the lead.
  expect((await crm(`/leads/${lead.id}/enrich`, ownerKey, { method: 'POST' })).status).toBeLessThan(500);
  return { lead, word, conversationId: String(conversation?.id), callId, nugget, unrelated };
}

describe('export', () => {
  it('adds what Postgres and memory hold naming the lead', async () => {
    const { lead, nugget, unrelated, callId } = await leadHeldEverywhere();
    const response = await crm(`/leads/${lead.id}/export`, ownerKey);
    expect(response.status).toBe(200);
    const data = (await response.json()) as {
      memory: { id: string }[];
      postgres: {
        messages: { content: string }[];
        auditEntries: { details: Record<string, unknown> }[];
        ledgerCalls: { callId: string; costMicros: number }[];
        ledgerDays: unknown[];
      };
    };
    expect(data.memory.map((item) => item.id)).toEqual([nugget.id]);
    expect(data.memory.map((item) => item.id)).not.toContain(unrelated.id);
    expect(data.postgres.messages.map((message) => message.content)).toEqual([`Draft a follow-up to ${lead.email}`]);
    expect(data.postgres.auditEntries.map((entry) => entry.details)).toContainEqual({ email: lead.email });
    expect(data.postgres.ledgerCalls).toEqual([expect.objectContaining({ callId, costMicros: 1234 })]);
    expect(data.postgres.ledgerDays).toEqual([{ day: '2000-01-01', model: 'ollama/qwen', calls: 3, costMicros: 777 }]);
  });
});

describe('erasure', () => {
  it('removes the lead from Postgres, Chroma and the response cache, keeping the books', async () => {
    const { lead, word, conversationId, callId, nugget, unrelated } = await leadHeldEverywhere();
    const index = await subjectIndexKey(leadSubject(lead.id));
    const cached = await redis.command<string[]>(['SMEMBERS', index]);
    expect(cached.length).toBeGreaterThan(0);

    const response = await crm(`/leads/${lead.id}`, ownerKey, { method: 'DELETE' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { removed: Record<string, unknown> };
    expect(body.removed).toMatchObject({
      memoryItems: 1,
      cachedAnswers: cached.length,
      postgres: { messages: 1, conversations: 0, ledgerRowsAnonymised: 2 },
    });
    // The create and enrich calls' own audit entries may have reached Postgres by now, or not yet.
    expect((body.removed.postgres as { auditEntriesCleared: number }).auditEntriesCleared).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(body)).not.toContain(lead.email);

    const left = await query(`select content from messages where conversation_id = $1`, [conversationId]);
    expect(left).toEqual([{ content: 'Here is a neutral draft.' }]);
    const audit = await query(`select action, details from audit_log where target_id = $1 and action like 'PATCH%'`, [
      lead.id,
    ]);
    expect(audit).toEqual([{ action: 'PATCH /api/crm/leads/{id}', details: {} }]);
    const [ledger] = await query(`select cost_micros, end_user, metadata from spend_ledger where call_id = $1`, [
      callId,
    ]);
    expect(ledger).toEqual({ cost_micros: '1234', end_user: null, metadata: null });
    const [day] = await query(`select end_user, cost_micros from spend_ledger_daily where scope_client = $1`, [callId]);
    expect(day).toEqual({ end_user: null, cost_micros: '777' });
    expect(await redis.exists(cached)).toBe(0);
    expect(await redis.exists([index])).toBe(0);

    const found = await searchOk({ q: `${word} lesson buyers references proposals`, k: '5' });
    const ids = found.results.map((hit) => hit.id);
    expect(ids).toContain(unrelated.id);
    expect(ids).not.toContain(nugget.id);
  });

  it('finds a gateway caller’s cached answer by the address in its prompt', async () => {
    const lead = await newLead(ownerKey);
    const completion = await gatewayClient().chat.completions.create({
      model: 'auto:simple',
      temperature: 0,
      max_tokens: 16,
      messages: [{ role: 'user', content: `Say hello to ${lead.email.toUpperCase()} (${uniqueMarker('gw')})` }],
    });
    expect(completion.choices.length).toBe(1);
    const index = await subjectIndexKey(addressSubject(lead.email));
    const cached = await redis.command<string[]>(['SMEMBERS', index]);
    expect(cached).toHaveLength(1);

    const response = await crm(`/leads/${lead.id}`, ownerKey, { method: 'DELETE' });
    expect(((await response.json()) as { removed: { cachedAnswers: number } }).removed.cachedAnswers).toBe(1);
    expect(await redis.exists([...cached, index])).toBe(0);
  });

  it('refuses and erases nothing while a store holding the person cannot be reached', async () => {
    const lead = await newLead(ownerKey);
    const d1 = drizzle(env.DB, { schema: d1Schema });
    // Nothing listens on port 9 (discard): the memory is down.
    const memory = new LongTermMemory({
      store: new ChromaStore('http://127.0.0.1:9'),
      embedder: { info: { provider: 'local-hash', model: 'local-hash-v1', local: true }, embed: async () => [] },
      catalogue: (collection) => new NuggetCatalogue(d1, collection),
      now: () => Date.now(),
    });
    await expect(erasePersonalData({ d1, memory }, lead.id, Date.now())).rejects.toBeInstanceOf(UnavailableError);
    expect((await crm(`/leads/${lead.id}`, ownerKey)).status).toBe(200);
    expect(await isErased(d1, lead.email)).toBe(false);
  });
});
