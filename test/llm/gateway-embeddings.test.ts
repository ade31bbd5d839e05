import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/db/postgres';
import { app } from '../../workers/app';
import { contractProblem } from '../helpers/contract';
import { checkedFetch } from '../helpers/fetch';
import { gatewayClient, uniqueMarker } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';
import { ledgerRowsOf } from '../helpers/ledger-rows';
import { requireChroma, uniqueWord } from '../memory/memory-helpers';

const NOMIC = 'ollama/nomic-embed-text';
const OPENAI_SMALL = 'openai/text-embedding-3-small';

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  checkedFetch(
    new Request(`http://empire.test${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }),
  );

interface EmbeddingList {
  data: { index: number; embedding: number[] | string }[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
  empire: { provider: string; cost_micros: number; cached: boolean; fake: boolean };
}

interface OpenAiErrorBody {
  error: { type: string; param: string | null; message: string };
}

/** The fake upstream's embeddings requests that carried `marker`. */
async function upstreamEmbeddings(marker: string) {
  const response = await fetch(`${env.FAKE_LLM_URL}/__fake/requests`);
  const all = (await response.json()) as { provider: string; path: string; excerpt: string }[];
  return all.filter((entry) => entry.path.endsWith('/embeddings') && entry.excerpt.includes(marker));
}

const decodeBase64Floats = (text: string) => {
  const bytes = Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  const view = new DataView(bytes.buffer);
  return Array.from({ length: bytes.length / 4 }, (_, index) => view.getFloat32(index * 4, true));
};

// Ledger rows reach Postgres from the budget object's alarm, seconds later on a busy machine.
describe('happy', { timeout: 30_000 }, () => {
  it('embeds one text through the openai SDK (which asks for base64 and decodes it)', async () => {
    const marker = uniqueMarker('embed-one');
    const answer = await gatewayClient().embeddings.create({ model: NOMIC, input: `${marker} fire alarm audits` });
    expect(answer.model).toBe(NOMIC);
    expect(answer.data).toHaveLength(1);
    const vector = answer.data[0]?.embedding ?? [];
    expect(vector.length).toBeGreaterThan(0);
    expect(vector.every(Number.isFinite)).toBe(true);
    expect(answer.usage.prompt_tokens).toBeGreaterThan(0);
    // The upstream is asked for floats through Ollama's OpenAI-compatible endpoint.
    const upstream = await upstreamEmbeddings(marker);
    expect(upstream.map((entry) => [entry.provider, entry.path])).toEqual([['ollama', '/ollama/v1/embeddings']]);
    expect(JSON.parse(upstream[0]?.excerpt ?? '{}')).toMatchObject({
      model: 'nomic-embed-text',
      encoding_format: 'float',
    });
  });

  it('embeds a batch in input order, as floats or as base64 of the same float32 values', async () => {
    const marker = uniqueMarker('embed-batch');
    const input = [`${marker} one`, `${marker} two`, `${marker} one`];
    const floats = await post('/v1/embeddings', { model: NOMIC, input, encoding_format: 'float' });
    expect(floats.status).toBe(200);
    const list = (await floats.json()) as EmbeddingList;
    expect(list.data.map((item) => item.index)).toEqual([0, 1, 2]);
    const [first, second, third] = list.data.map((item) => item.embedding as number[]);
    expect(first).toEqual(third);
    expect(first).not.toEqual(second);
    expect(list.empire).toMatchObject({ provider: 'ollama', fake: true, cost_micros: 0 });

    const encoded = await post('/v1/embeddings', { model: NOMIC, input, encoding_format: 'base64' });
    const base64 = (await encoded.json()) as EmbeddingList;
    const decoded = base64.data.map((item) => decodeBase64Floats(item.embedding as string));
    expect(decoded).toHaveLength(3);
    for (const [index, vector] of decoded.entries()) {
      const expected = list.data[index]?.embedding as number[];
      expect(vector).toHaveLength(expected.length);
      for (const [at, value] of vector.entries()) expect(value).toBeCloseTo(expected[at] ?? Number.NaN, 6);
    }
  });

  it('passes dimensions to a model that takes them, and prices it from the catalogue', async () => {
    const marker = uniqueMarker('embed-dims');
    const answer = await gatewayClient().embeddings.create({
      model: OPENAI_SMALL,
      input: `${marker} ${'pipeline '.repeat(40)}`,
      dimensions: 16,
      encoding_format: 'float',
    });
    expect(answer.data[0]?.embedding).toHaveLength(16);
    const empire = (answer as unknown as EmbeddingList).empire;
    // 0.02 USD per million input tokens, rounded up.
    expect(empire.cost_micros).toBe(Math.ceil((answer.usage.prompt_tokens * 20_000) / 1_000_000));
    const upstream = await upstreamEmbeddings(marker);
    expect(JSON.parse(upstream[0]?.excerpt ?? '{}')).toMatchObject({ model: 'text-embedding-3-small', dimensions: 16 });
  });

  it('answers a repeated request from the cache, with a cached ledger row', async () => {
    const marker = uniqueMarker('embed-cache');
    const body = { model: NOMIC, input: [`${marker} cached`], encoding_format: 'float' };
    const first = await post('/v1/embeddings', body);
    const second = await post('/v1/embeddings', body);
    const [one, two] = [(await first.json()) as EmbeddingList, (await second.json()) as EmbeddingList];
    expect(one.empire.cached).toBe(false);
    expect(two.empire).toMatchObject({ cached: true, cost_micros: 0 });
    expect(two.data).toEqual(one.data);
    expect(two.usage).toEqual(one.usage);
    expect(await upstreamEmbeddings(marker)).toHaveLength(1);
    const rows = await ledgerRowsOf(second.headers.get('x-request-id') ?? '');
    expect(rows).toEqual([{ model: NOMIC, status: 'cached', cost_micros: 0 }]);
    expect(await ledgerRowsOf(first.headers.get('x-request-id') ?? '')).toEqual([
      { model: NOMIC, status: 'ok', cost_micros: 0 },
    ]);
  });

  it('replays an answer under the same Idempotency-Key without calling again', async () => {
    const marker = uniqueMarker('embed-idem');
    const body = { model: OPENAI_SMALL, input: `${marker} once`, encoding_format: 'float' };
    const headers = { 'idempotency-key': marker };
    const first = await post('/v1/embeddings', body, headers);
    const again = await post('/v1/embeddings', body, headers);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(await upstreamEmbeddings(marker)).toHaveLength(1);
  });

  it('lists the embeddings models beside the chat models', async () => {
    const ids = (await gatewayClient().models.list()).data.map((model) => model.id);
    expect(ids).toEqual(expect.arrayContaining([NOMIC, OPENAI_SMALL, 'ollama/llama3.2']));
  });
});

async function runLedger(run: string) {
  const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
  try {
    const result = await postgres.pool.query(
      `select kind, status::text, cost_micros::int as cost from spend_ledger where scope_run = $1 order by at`,
      [run],
    );
    return result.rows as { kind: string; status: string; cost: number }[];
  } finally {
    await postgres.close();
  }
}

async function runSpent(run: string): Promise<{ spent: number; reserved: number } | undefined> {
  const snapshot = await env.BUDGET.getByName('global').snapshot();
  const row = snapshot.usage.find(
    (entry) => entry.scope.kind === 'run' && entry.scope.id === run && entry.window === 'day',
  );
  return row && { spent: row.spentMicros, reserved: row.reservedMicros };
}

describe('budget', { timeout: 30_000 }, () => {
  it('refuses past a cap with 402, and the ledger sums to what the budget spent', async () => {
    const run = uniqueMarker('embed-budget');
    const cap = await checkedFetch(
      new Request('http://empire.test/api/budget', {
        method: 'PUT',
        headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ caps: [{ scope: `run:${run}`, window: 'day', amount: 0.000003, currency: 'USD' }] }),
      }),
    );
    expect(cap.status).toBe(200);
    const statuses: number[] = [];
    let refusal: OpenAiErrorBody | undefined;
    for (let call = 0; call < 6; call += 1) {
      const response = await post(
        '/v1/embeddings',
        { model: OPENAI_SMALL, input: `${run} call ${call}`, encoding_format: 'float' },
        { 'x-empire-run': run },
      );
      statuses.push(response.status);
      if (response.status === 402) refusal = (await response.json()) as OpenAiErrorBody;
    }
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(0);
    expect(statuses.at(-1)).toBe(402);
    expect(refusal?.error.type).toBe('insufficient_quota');
    // Nothing was deferred, so a refusal is not kept for replay: the same key runs (and is refused) again.
    for (let repeat = 0; repeat < 2; repeat += 1) {
      const keyed = await post(
        '/v1/embeddings',
        { model: OPENAI_SMALL, input: `${run} keyed`, encoding_format: 'float' },
        { 'x-empire-run': run, 'idempotency-key': run },
      );
      expect(keyed.status).toBe(402);
      expect(keyed.headers.get('idempotent-replayed')).toBeNull();
      statuses.push(keyed.status);
    }

    let usage = await runSpent(run);
    let rows = await runLedger(run);
    for (let wait = 0; wait < 50 && (usage?.reserved !== 0 || rows.length < statuses.length); wait += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      [usage, rows] = [await runSpent(run), await runLedger(run)];
    }
    // One row per attempt: each answered call and each refusal.
    expect(rows.map((row) => `${row.kind}:${row.status}`)).toEqual(
      statuses.map((status) => (status === 200 ? 'call:ok' : 'refusal:refused')),
    );
    expect(usage?.spent).toBeGreaterThan(0);
    expect(usage?.spent).toBeLessThanOrEqual(3);
    expect(rows.reduce((sum, row) => sum + row.cost, 0)).toBe(usage?.spent);
  });
});

/** A memory request to a Worker whose memory embeds with nomic-embed-text through the router. */
async function routedMemory(path: string, init: RequestInit = {}, embeddings = 'ollama') {
  const ctx = createExecutionContext();
  const request = new Request(`http://empire.test${path}`, {
    ...init,
    headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
  });
  const response = await app.request(request, undefined, { ...env, MEMORY_EMBEDDINGS: embeddings }, ctx);
  await waitOnExecutionContext(ctx);
  expect(await contractProblem(request.method, new URL(request.url).pathname, response.clone())).toBeUndefined();
  return response;
}

describe('memory', { timeout: 30_000 }, () => {
  it('stores and searches nuggets with vectors embedded through the router, each call a ledger row', async () => {
    requireChroma();
    const word = uniqueWord('routed');
    const stored = await routedMemory('/api/memory', {
      method: 'POST',
      body: JSON.stringify({
        text: `${word} audits need a signed report`,
        kind: 'rule',
        source: 'test:routed',
        tags: [],
      }),
    });
    expect(stored.status).toBe(201);
    const nugget = (await stored.json()) as { embedding: Record<string, unknown> };
    expect(nugget.embedding).toMatchObject({
      provider: 'ollama',
      model: 'nomic-embed-text',
      local: true,
      collection: 'gold-nuggets-ollama-nomic-embed-text',
    });
    expect(await ledgerRowsOf(stored.headers.get('x-request-id') ?? '')).toEqual([
      { model: NOMIC, status: 'ok', cost_micros: 0 },
    ]);
    expect(await upstreamEmbeddings(word)).toHaveLength(1);

    const found = await routedMemory(`/api/memory/search?${new URLSearchParams({ q: `${word} audits`, k: '1' })}`);
    expect(found.status).toBe(200);
    const results = ((await found.json()) as { results: { text: string }[] }).results;
    expect(results[0]?.text).toContain(word);
    expect(await ledgerRowsOf(found.headers.get('x-request-id') ?? '')).toEqual([
      { model: NOMIC, status: 'ok', cost_micros: 0 },
    ]);
  });
});

const setMemoryCap = (amount: number | null) =>
  checkedFetch(
    new Request('http://empire.test/api/budget', {
      method: 'PUT',
      headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ caps: [{ scope: 'task:memory', window: 'day', amount, currency: 'USD' }] }),
    }),
  );

describe('memory budget', { timeout: 30_000 }, () => {
  it("refuses to store past memory's own budget with 402, and leaves a refusal row", async () => {
    requireChroma();
    expect((await setMemoryCap(0)).status).toBe(200);
    try {
      const refused = await routedMemory(
        '/api/memory',
        {
          method: 'POST',
          body: JSON.stringify({ text: `${uniqueWord('capped')} costs`, kind: 'lesson', source: 'test:cap', tags: [] }),
        },
        'openai',
      );
      expect(refused.status).toBe(402);
      expect(await ledgerRowsOf(refused.headers.get('x-request-id') ?? '')).toEqual([
        { model: OPENAI_SMALL, status: 'refused', cost_micros: 0 },
      ]);
    } finally {
      expect((await setMemoryCap(null)).status).toBe(200);
    }
  });
});

describe('errors', () => {
  it('refuses a chat model on /v1/embeddings with 400 naming model', async () => {
    const failure = await gatewayClient()
      .embeddings.create({ model: 'moonshot/kimi-k2.5', input: 'hello' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    const error = failure as InstanceType<typeof OpenAI.BadRequestError>;
    expect(error.param).toBe('model');
    expect(error.type).toBe('invalid_request_error');
  });

  it('refuses an embeddings model on /v1/chat/completions with 400 naming model', async () => {
    const failure = await gatewayClient()
      .chat.completions.create({ model: NOMIC, messages: [{ role: 'user', content: 'hello' }] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    expect((failure as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('model');
  });

  it.each([
    ['token ids', { model: NOMIC, input: [101, 2023] }, 'input'],
    ['arrays of token ids', { model: NOMIC, input: [[101], [2023]] }, 'input'],
    ['dimensions on a model without them', { model: NOMIC, input: 'x', dimensions: 8 }, 'dimensions'],
    ['an unknown encoding', { model: NOMIC, input: 'x', encoding_format: 'int8' }, 'encoding_format'],
    ['an empty text', { model: NOMIC, input: [''] }, 'input.0'],
    ['a parameter it cannot honour', { model: NOMIC, input: 'x', truncate: false }, 'truncate'],
    ['no input', { model: NOMIC }, 'input'],
  ])('refuses %s with 400 naming the parameter', async (_, body, param) => {
    const response = await post('/v1/embeddings', body);
    expect(response.status).toBe(400);
    const answer = (await response.json()) as OpenAiErrorBody;
    expect(answer.error).toMatchObject({ type: 'invalid_request_error', param });
  });

  it('answers an unknown model with 422 and malformed JSON with 400', async () => {
    const unknown = await post('/v1/embeddings', { model: 'nobody/never', input: 'x' });
    expect(unknown.status).toBe(422);
    const malformed = await checkedFetch(
      new Request('http://empire.test/v1/embeddings', {
        method: 'POST',
        headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
        body: '{"model": ',
      }),
    );
    expect(malformed.status).toBe(400);
  });
});

describe('security', () => {
  it('takes only the roles that may spend', async () => {
    const anonymous = await checkedFetch(
      new Request('http://empire.test/v1/embeddings', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: NOMIC, input: 'x' }),
      }),
    );
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as OpenAiErrorBody).error.type).toBe('authentication_error');
  });
});
