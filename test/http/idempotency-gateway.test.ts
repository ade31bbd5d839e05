import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { type ErrorShape, workerFetch } from '../helpers/fetch';
import { addFault, gatewayClient, uniqueMarker, upstreamRequests } from '../helpers/gateway';
import { createKey, ownerKey } from '../helpers/keys';

// Idempotency-Key on the paid gateway route, through the Worker's fetch handler, D1 and the fake
// upstream, which counts the calls that would be billed.

const completion = (marker: string, extra: Record<string, unknown> = {}) => ({
  model: 'auto:research',
  messages: [{ role: 'user' as const, content: marker }],
  max_tokens: 32,
  ...extra,
});

function chat(body: unknown, key?: string, options: { apiKey?: string; headers?: Record<string, string> } = {}) {
  return workerFetch('/v1/chat/completions', {
    method: 'POST',
    headers: {
      authorization: `Bearer ${options.apiKey ?? ownerKey}`,
      'content-type': 'application/json',
      ...(key === undefined ? {} : { 'idempotency-key': key }),
      ...options.headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const replayed = (response: Response) => response.headers.get('idempotent-replayed') === 'true';

async function until(check: () => Promise<boolean>, what: string) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never saw ${what}`);
}

describe('happy', () => {
  it('answers a repeat with the first answer, byte for byte, and calls the upstream once', async () => {
    const marker = uniqueMarker('idem-repeat');
    const key = crypto.randomUUID();
    const first = await chat(completion(marker), key);
    expect(first.status).toBe(200);
    expect(replayed(first)).toBe(false);
    const firstBody = await first.text();
    const again = await chat(completion(marker), key);
    expect(again.status).toBe(200);
    expect(replayed(again)).toBe(true);
    expect(again.headers.get('content-type')).toMatch(/^application\/json/);
    expect(again.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    expect(await again.text()).toBe(firstBody);
    expect(await upstreamRequests(marker)).toHaveLength(1);
  });

  it.each([
    ['/v1/responses', (marker: string, stream: boolean) => ({ model: 'auto:research', input: marker, stream })],
    [
      '/v1/messages',
      (marker: string, stream: boolean) => ({
        model: 'auto:research',
        max_tokens: 32,
        messages: [{ role: 'user', content: marker }],
        stream,
      }),
    ],
  ] as const)(
    'replays %s under the same key, plain and streamed, calling the upstream once each',
    async (path, body) => {
      for (const stream of [false, true]) {
        const marker = uniqueMarker('idem-surface');
        const key = crypto.randomUUID();
        const send = () =>
          workerFetch(path, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${ownerKey}`,
              'content-type': 'application/json',
              'idempotency-key': key,
            },
            body: JSON.stringify(body(marker, stream)),
          });
        const first = await send();
        expect(first.status).toBe(200);
        const firstBody = await first.text();
        const again = await send();
        expect(replayed(again)).toBe(true);
        expect(await again.text()).toBe(firstBody);
        expect(await upstreamRequests(marker)).toHaveLength(1);
      }
    },
  );

  it('takes the same JSON with other spacing and key order as the same request', async () => {
    const marker = uniqueMarker('idem-canonical');
    const key = crypto.randomUUID();
    expect((await chat(completion(marker), key)).status).toBe(200);
    const reordered = `{ "max_tokens": 32, "messages": [{"content": "${marker}", "role": "user"}], "model": "auto:research" }`;
    expect(replayed(await chat(reordered, key))).toBe(true);
    expect(await upstreamRequests(marker)).toHaveLength(1);
  });

  it('tells a repeat sent while the first runs to retry later, and the first still runs once', async () => {
    const marker = uniqueMarker('idem-busy');
    // The upstream holds the first call, so the repeat surely arrives while it runs.
    await addFault({ contains: marker, status: 200, delayMs: 1_500 });
    const key = crypto.randomUUID();
    const first = chat(completion(marker), key);
    await until(async () => (await upstreamRequests(marker)).length === 1, 'the first call upstream');
    const busy = await chat(completion(marker), key);
    expect(busy.status).toBe(409);
    expect(busy.headers.get('retry-after')).toBe('2');
    expect(((await busy.json()) as ErrorShape).error).toMatchObject({
      code: 'idempotency_in_progress',
      details: { header: 'Idempotency-Key' },
    });
    const done = await first;
    expect(done.status).toBe(200);
    const doneBody = await done.text();
    const after = await chat(completion(marker), key);
    expect(replayed(after)).toBe(true);
    expect(await after.text()).toBe(doneBody);
    expect(await upstreamRequests(marker)).toHaveLength(1);
  });

  it('lets exactly one of many concurrent sends run; the others wait or get its answer', async () => {
    const marker = uniqueMarker('idem-burst');
    const key = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: 8 }, () => chat(completion(marker), key)));
    const ran = answers.filter((answer) => answer.status === 200 && !replayed(answer));
    expect(ran).toHaveLength(1);
    const others = answers.filter((answer) => !ran.includes(answer));
    for (const other of others) expect(other.status === 409 || (other.status === 200 && replayed(other))).toBe(true);
    expect(await upstreamRequests(marker)).toHaveLength(1);
  });

  it('replays a streamed completion as SSE with the same text and usage, without a second call', async () => {
    const marker = uniqueMarker('idem-stream');
    const headers = { 'Idempotency-Key': crypto.randomUUID() };
    const read = async () => {
      const { data, response } = await gatewayClient()
        .chat.completions.create(
          { ...completion(marker, { max_tokens: 64 }), stream: true, stream_options: { include_usage: true } },
          { headers },
        )
        .withResponse();
      let text = '';
      let usage: unknown;
      let finish: string | null | undefined;
      for await (const chunk of data) {
        text += chunk.choices[0]?.delta?.content ?? '';
        finish = chunk.choices[0]?.finish_reason ?? finish;
        if (chunk.usage) usage = chunk.usage;
      }
      return { text, usage, finish, replayed: replayed(response) };
    };
    const first = await read();
    expect(first.text).toMatch(/^\[fake\]/);
    expect(first.replayed).toBe(false);
    const again = await read();
    expect(again).toEqual({ ...first, replayed: true });
    expect(await upstreamRequests(marker)).toHaveLength(1);
  });

  it('tells a repeat of a stream still running to retry later', async () => {
    const marker = uniqueMarker('idem-stream-busy');
    await addFault({ contains: marker, status: 200, delayMs: 1_500 });
    const key = crypto.randomUUID();
    const body = { ...completion(marker), stream: true };
    const first = chat(body, key);
    await until(async () => (await upstreamRequests(marker)).length === 1, 'the first call upstream');
    const busy = await chat(body, key);
    expect(busy.status).toBe(409);
    expect(((await busy.json()) as ErrorShape).error.code).toBe('idempotency_in_progress');
    expect(await (await first).text()).toContain('data: [DONE]');
    const after = await chat(body, key);
    expect(replayed(after)).toBe(true);
    expect(after.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(await upstreamRequests(marker)).toHaveLength(1);
  });

  it('keeps the whole streamed answer when the client leaves early, for its retry', async () => {
    const marker = uniqueMarker('idem-leave');
    const key = crypto.randomUUID();
    const body = { ...completion(marker, { max_tokens: 64 }), stream: true };
    const left = await chat(body, key);
    expect(left.status).toBe(200);
    await left.body?.cancel();
    let retry = await chat(body, key);
    await until(async () => {
      if (retry.status !== 409) return true;
      retry = await chat(body, key);
      return false;
    }, 'the stream kept');
    expect(retry.status).toBe(200);
    expect(replayed(retry)).toBe(true);
    const events = (await retry.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const text = events
      .slice(0, -1)
      .map((event) => JSON.parse(event.slice('data: '.length)) as { choices: { delta: { content?: string } }[] })
      .map((chunk) => chunk.choices[0]?.delta.content ?? '')
      .join('');
    expect(text).toMatch(/^\[fake\]/);
    expect(await upstreamRequests(marker)).toHaveLength(1);
  });

  it('keeps a 402: the repeat names the same deferral, and no second deferred call is made', async () => {
    const marker = uniqueMarker('idem-402');
    const budget = await workerFetch('/api/budget', {
      method: 'PUT',
      headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ caps: [{ scope: 'agent:drive', window: 'day', amount: 0.000001, currency: 'USD' }] }),
    });
    expect(budget.status).toBe(200);
    const key = crypto.randomUUID();
    const headers = { 'x-empire-agent': 'drive' };
    const refused = await chat(completion(marker), key, { headers });
    expect(refused.status).toBe(402);
    const refusedBody = await refused.text();
    const again = await chat(completion(marker), key, { headers });
    expect(again.status).toBe(402);
    expect(replayed(again)).toBe(true);
    expect(await again.text()).toBe(refusedBody);
    const deferrals = await env.DB.prepare('select count(*) as n from deferred_calls where request like ?')
      .bind(`%${marker}%`)
      .first<{ n: number }>();
    expect(deferrals?.n).toBe(1);
    expect(await upstreamRequests(marker)).toHaveLength(0);
  });

  it('runs every send without the header, as before', async () => {
    const marker = uniqueMarker('idem-none');
    expect((await chat(completion(marker))).status).toBe(200);
    expect((await chat(completion(marker))).status).toBe(200);
    expect(await upstreamRequests(marker)).toHaveLength(2);
  });
});

describe('errors', () => {
  it('refuses the key with another body: 422 naming the mismatch, and nothing is called', async () => {
    const marker = uniqueMarker('idem-first');
    const other = uniqueMarker('idem-other');
    const key = crypto.randomUUID();
    expect((await chat(completion(marker), key)).status).toBe(200);
    const reused = await chat(completion(other), key);
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as ErrorShape).error).toMatchObject({
      code: 'idempotency_key_reused',
      message: expect.stringContaining('different request body'),
      details: { header: 'Idempotency-Key', mismatch: 'body' },
    });
    expect(await upstreamRequests(other)).toHaveLength(0);
    // A stream of the same messages is another request too.
    expect((await chat(completion(marker, { stream: true }), key)).status).toBe(422);
  });

  it.each([
    ['empty', ''],
    ['longer than 255', 'k'.repeat(256)],
    ['with a tab', 'tab\there'],
    ['with a control character', 'bell\u0007key'],
    ['with DEL', 'del\u007fkey'],
  ])('refuses a key %s with a 400 naming the header, without reflecting it or calling', async (_name, key) => {
    const marker = uniqueMarker('idem-bad');
    const response = await chat(completion(marker), key);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorShape;
    expect(error).toMatchObject({ code: 'invalid_request', details: { header: 'Idempotency-Key' } });
    expect(error.message).toContain('Idempotency-Key');
    if (key) expect(error.message).not.toContain(key);
    expect(await upstreamRequests(marker)).toHaveLength(0);
  });

  it('takes a key of exactly 255 printable characters', async () => {
    const key = `${'k'.repeat(250)} ~"!{`;
    const marker = uniqueMarker('idem-long');
    expect((await chat(completion(marker), key)).status).toBe(200);
    expect(replayed(await chat(completion(marker), key))).toBe(true);
  });

  it('releases the key after a 5xx, so a retry with it runs again', async () => {
    const marker = uniqueMarker('idem-5xx');
    // Both candidates fail: the gateway answers 502 and nothing was delivered.
    await addFault({ contains: marker, status: 503, times: 2 });
    const key = crypto.randomUUID();
    expect((await chat(completion(marker), key)).status).toBe(502);
    const retry = await chat(completion(marker), key);
    expect(retry.status).toBe(200);
    expect(replayed(retry)).toBe(false);
    expect(replayed(await chat(completion(marker), key))).toBe(true);
    expect(await upstreamRequests(marker)).toHaveLength(3);
  });
});

describe('security', () => {
  it("keeps clients apart: another client's same key and body runs on its own", async () => {
    const operator = await createKey('operator');
    const marker = uniqueMarker('idem-clients');
    const key = crypto.randomUUID();
    expect((await chat(completion(marker), key)).status).toBe(200);
    const theirs = await chat(completion(marker), key, { apiKey: operator });
    expect(theirs.status).toBe(200);
    expect(replayed(theirs)).toBe(false);
    expect(replayed(await chat(completion(marker), key, { apiKey: operator }))).toBe(true);
    expect(await upstreamRequests(marker)).toHaveLength(2);
  });

  it('looks at no key before the caller is known', async () => {
    const response = await workerFetch('/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'x' },
      body: JSON.stringify(completion(uniqueMarker('idem-anon'))),
    });
    expect(response.status).toBe(401);
    const rows = await env.DB.prepare('select count(*) as n from idempotency_keys where key = ?')
      .bind('x')
      .first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });
});
