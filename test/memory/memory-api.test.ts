import { beforeAll, describe, expect, it } from 'vitest';
import { type ErrorShape, workerFetch } from '../helpers/fetch';
import { createKey, ownerKey } from '../helpers/keys';
import { type NuggetView, remember, rememberOk, requireChroma, search, searchOk, uniqueWord } from './memory-helpers';

beforeAll(requireChroma);

describe('happy', () => {
  it('stores nuggets and finds the one nearest in meaning first', async () => {
    const word = uniqueWord('site');
    const fire = await rememberOk({
      text: `Fire-alarm audits at ${word}: check every detector's maintenance log before the walk-through`,
      kind: 'rule',
      source: 'workflow:bma',
      tags: ['BMA', 'audit'],
    });
    expect(fire).toMatchObject({ kind: 'rule', source: 'workflow:bma', tags: ['bma', 'audit'], created: true });
    expect(fire.id).toMatch(/^ngt_[0-9a-f]{24}$/);
    expect(new Date(fire.createdAt).toISOString()).toBe(fire.createdAt);
    // The response says where the vectors come from, so nobody mistakes local-hash for a model.
    expect(fire.embedding).toMatchObject({
      provider: 'local-hash',
      model: 'local-hash-v1',
      local: true,
      dimensions: 512,
    });
    await rememberOk({
      text: `Newsletter subject lines for ${word} under 50 characters open better`,
      kind: 'pattern',
      source: 'agent:mouth',
    });

    const found = await searchOk({ q: `${word} fire alarm audit detectors`, k: '2' });
    expect(found.embedding).toMatchObject({ provider: 'local-hash', local: true });
    expect(found.results).toHaveLength(2);
    const [first, second] = found.results as [NuggetView, NuggetView];
    expect(first.id).toBe(fire.id);
    expect(first.text).toContain('Fire-alarm audits');
    expect(first.score).toBeGreaterThan(second.score ?? 1);
    expect(first.distance).toBeLessThan(second.distance ?? 0);
    expect(first.score).toBeCloseTo(1 - (first.distance ?? 0), 3);
  });

  it('answers the stored nugget when the same text comes again from the same source', async () => {
    const text = `Quote the ${uniqueWord('fee')} fee before the site visit`;
    const first = await rememberOk({ text, source: 'agent:numbers' });
    const again = await remember({
      text: `  ${text.replaceAll(' ', '   ')} `,
      kind: 'lesson',
      source: 'agent:numbers',
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: first.id, created: false, createdAt: first.createdAt });
    // Another source learning the same thing is a nugget of its own.
    const other = await rememberOk({ text, source: 'agent:ceo' });
    expect(other.id).not.toBe(first.id);
  });

  it('stores a nugget sent twice at once exactly once', async () => {
    const body = { text: `${uniqueWord('twin')} send quotes the same day`, kind: 'rule', source: 'test:twins' };
    const answers = await Promise.all([remember(body), remember(body)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 201]);
    const [a, b] = (await Promise.all(answers.map((answer) => answer.json()))) as NuggetView[];
    expect(a?.id).toBe(b?.id);
    expect((await searchOk({ q: body.text, k: '5' })).results.filter((hit) => hit.id === a?.id)).toHaveLength(1);
  });

  it('returns at most k results, 5 by default, and filters by kind', async () => {
    const word = uniqueWord('batch');
    for (let i = 0; i < 7; i++) {
      await rememberOk({ text: `${word} lesson number ${i}`, kind: i % 2 ? 'rule' : 'lesson', source: 'test:k' });
    }
    expect((await searchOk({ q: word })).results).toHaveLength(5);
    expect((await searchOk({ q: word, k: '1' })).results).toHaveLength(1);
    const rules = await searchOk({ q: word, k: '20', kind: 'rule' });
    expect(rules.results.length).toBeGreaterThanOrEqual(3);
    expect(rules.results.every((hit) => hit.kind === 'rule')).toBe(true);
    expect(rules.results.slice(0, 3).every((hit) => hit.text.startsWith(word))).toBe(true);
  });

  it('keeps line breaks in the text', async () => {
    const text = `${uniqueWord('lines')} Before an audit:\n- ask for the floor plans\n- book the key holder`;
    expect((await rememberOk({ text, kind: 'rule', source: 'test:lines' })).text).toBe(text);
  });

  it('documents the routes in the OpenAPI spec', async () => {
    const spec = (await (await workerFetch('/openapi.json')).json()) as { paths: Record<string, object> };
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/memory', '/api/memory/search', '/api/gold-nuggets']),
    );
    expect(Object.keys(spec.paths['/api/memory/search'] ?? {})).toEqual(['get']);
  });

  it('defaults the source to the calling client', async () => {
    const stored = await rememberOk({ text: `${uniqueWord('src')} keep invoices numbered`, source: undefined });
    expect(stored.source).toMatch(/^api:/);
  });
});

describe('errors', () => {
  it.each([
    ['an empty text', { text: '   ', kind: 'lesson' }],
    ['a text over 4,000 characters', { text: 'x'.repeat(4_001), kind: 'lesson' }],
    ['an unknown kind', { text: 'a lesson', kind: 'hunch' }],
    ['no kind', { text: 'a lesson' }],
    ['a control character in the text', { text: 'bell\u0007 here', kind: 'lesson' }],
    ['a null byte in a tag', { text: 'a lesson', kind: 'lesson', tags: ['ok\u0000'] }],
    ['more than 10 tags', { text: 'a lesson', kind: 'lesson', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }],
    ['a source with spaces', { text: 'a lesson', kind: 'lesson', source: 'agent ceo' }],
    ['a text that is not a string', { text: 42, kind: 'lesson' }],
    ['an unknown field', { text: 'a lesson', kind: 'lesson', uses: 1000 }],
  ])('refuses %s with 400', async (_name, body) => {
    const response = await remember(body);
    expect(response.status).toBe(400);
    const error = ((await response.json()) as ErrorShape).error;
    expect(error.code).toBe('invalid_request');
    expect(error.requestId).toBeTypeOf('string');
  });

  it('refuses malformed JSON', async () => {
    const response = await workerFetch('/api/memory', {
      method: 'POST',
      headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
      body: '{"text": "half',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorShape).error.code).toBe('malformed_json');
  });

  it.each([
    ['no q', {}],
    ['an empty q', { q: ' ' }],
    ['k of 0', { q: 'audit', k: '0' }],
    ['k over 20', { q: 'audit', k: '21' }],
    ['a fractional k', { q: 'audit', k: '2.5' }],
    ['a k that is not a number', { q: 'audit', k: 'all' }],
    ['a q over 500 characters', { q: 'a'.repeat(501) }],
    ['a control character in q', { q: 'audit\u001b[31m' }],
    ['an unknown kind', { q: 'audit', kind: 'hunch' }],
  ])('refuses a search with %s', async (_name, query) => {
    const response = await search(query as Record<string, string>);
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorShape).error.code).toBe('invalid_request');
  });
});

describe('security', () => {
  it('needs a key, and a write role to store', async () => {
    expect((await workerFetch('/api/memory/search?q=audit')).status).toBe(401);
    expect((await workerFetch('/api/gold-nuggets')).status).toBe(401);
    const anonymous = await workerFetch('/api/memory', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x', kind: 'lesson' }),
    });
    expect(anonymous.status).toBe(401);

    const readonly = await createKey('readonly');
    const refused = await remember({ text: 'readers cannot write', kind: 'lesson' }, readonly);
    expect(refused.status).toBe(403);
    expect((await search({ q: 'readers' }, readonly)).status).toBe(403);
    const operator = await createKey('operator');
    expect((await remember({ text: `${uniqueWord('op')} operators may write`, kind: 'rule' }, operator)).status).toBe(
      201,
    );
  });

  it('keeps filter syntax and markup in text and queries as literal text', async () => {
    const word = uniqueWord('lit');
    const text = `${word} {"$ne": null} <script>alert(1)</script> '; drop table memory_nuggets; --`;
    const stored = await rememberOk({ text, kind: 'lesson', source: 'test:literal' });
    expect(stored.text).toBe(text);
    const found = await searchOk({ q: `${word} {"$ne": null}`, k: '1' });
    expect(found.results[0]).toMatchObject({ id: stored.id, text });
    // The catalogue survived the text above.
    expect((await searchOk({ q: word, k: '1' })).results).toHaveLength(1);
  });
});
