import { beforeAll, describe, expect, it } from 'vitest';
import type { ErrorShape } from '../helpers/fetch';
import { createKey } from '../helpers/keys';
import { goldNuggets, type NuggetView, rememberOk, requireChroma, searchOk, uniqueWord } from './memory-helpers';

beforeAll(requireChroma);

interface GoldView {
  embedding: { provider: string; local: boolean };
  latest: NuggetView[];
  mostUsed: NuggetView[];
}

async function gold(query = ''): Promise<GoldView> {
  const response = await goldNuggets(query);
  expect(response.status).toBe(200);
  return (await response.json()) as GoldView;
}

describe('happy', () => {
  it('lists the latest first and the most used by their use count', async () => {
    const word = uniqueWord('gold');
    const older = await rememberOk({ text: `${word} alpha: invoice within a day`, kind: 'rule', source: 'test:gold' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const middle = await rememberOk({
      text: `${word} beta: call back warm leads`,
      kind: 'lesson',
      source: 'test:gold',
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const newest = await rememberOk({
      text: `${word} gamma: audits sell audits`,
      kind: 'pattern',
      source: 'test:gold',
    });

    const fresh = await gold();
    expect(fresh.embedding).toMatchObject({ provider: 'local-hash', local: true });
    expect(fresh.latest.map((n) => n.id).slice(0, 3)).toEqual([newest.id, middle.id, older.id]);
    expect(fresh.latest[0]).toMatchObject({ text: newest.text, uses: 0, lastUsedAt: null });
    // Never used, so not among the most used.
    expect(fresh.mostUsed.map((n) => n.id)).not.toContain(newest.id);

    // A search counts every nugget it returns: alpha three times, beta once.
    for (let i = 0; i < 3; i++)
      expect((await searchOk({ q: `${word} alpha invoice`, k: '1' })).results[0]?.id).toBe(older.id);
    expect((await searchOk({ q: `${word} beta warm leads`, k: '1' })).results[0]?.id).toBe(middle.id);

    const used = await gold();
    const mine = used.mostUsed.filter((n) => n.text.startsWith(word));
    expect(mine.map((n) => [n.id, n.uses])).toEqual([
      [older.id, 3],
      [middle.id, 1],
    ]);
    expect(new Date(mine[0]?.lastUsedAt ?? '').getTime()).toBeGreaterThan(0);
    expect((await gold('?limit=1')).latest).toHaveLength(1);
  });
});

describe('errors', () => {
  it.each(['?limit=0', '?limit=51', '?limit=many'])('refuses %s', async (query) => {
    const response = await goldNuggets(query);
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorShape).error.code).toBe('invalid_request');
  });
});

describe('security', () => {
  it('is readable by every role', async () => {
    expect((await goldNuggets('', await createKey('operator'))).status).toBe(200);
    expect((await goldNuggets('', await createKey('readonly'))).status).toBe(403);
  });
});
