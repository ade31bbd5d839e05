import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeXHandle, startFakeX } from '../../local-stack/services/fake-x.ts';
import sample from '../fixtures/x-metrics/tweets_lookup_response.json' with { type: 'json' };

const TOKEN = 'fake-x-lookup-token';
let x: FakeXHandle;
beforeAll(async () => {
  x = await startFakeX({ port: 0, token: TOKEN });
});
afterAll(() => x.close());

const call = (path: string, init: RequestInit = {}) =>
  fetch(`${x.url}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, ...init.headers } });

const keysOf = (value: object) => Object.keys(value).sort();

describe('happy', () => {
  it('answers a lookup in the shape of X’s sample: metrics for posts it has, problems for ids it has not', async () => {
    const created = (await (
      await call('/2/tweets', { method: 'POST', body: JSON.stringify({ text: 'Lookup me' }) })
    ).json()) as {
      data: { id: string };
    };
    const id = created.data.id;
    await fetch(`${x.url}/__fake/metrics`, {
      method: 'POST',
      body: JSON.stringify({ id, public_metrics: { like_count: 4 } }),
    });
    const response = await call(`/2/tweets?ids=${id},1994000000000000245&tweet.fields=public_metrics`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as typeof sample;
    const [post] = body.data;
    const [problem] = body.errors;
    expect(keysOf(post ?? {})).toEqual(keysOf(sample.data[0] ?? {}));
    expect(keysOf(post?.public_metrics ?? {})).toEqual(keysOf(sample.data[0]?.public_metrics ?? {}));
    expect(post?.public_metrics.like_count).toBe(4);
    expect(keysOf(problem ?? {})).toEqual(keysOf(sample.errors[0] ?? {}));
    expect(problem?.resource_id).toBe('1994000000000000245');
  });
});

describe('errors', () => {
  it('refuses an empty, oversized or malformed id list with 400, and a wrong token with 401', async () => {
    expect((await call('/2/tweets?tweet.fields=public_metrics')).status).toBe(400);
    const many = Array.from({ length: 101 }, (_, i) => String(1994000000000000000n + BigInt(i))).join(',');
    expect((await call(`/2/tweets?ids=${many}`)).status).toBe(400);
    expect((await call('/2/tweets?ids=abc')).status).toBe(400);
    expect((await fetch(`${x.url}/2/tweets?ids=1`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  });
});
