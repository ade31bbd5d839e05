import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { knowledgeBase, knowledgeNuggets, searchKnowledge } from '../../src/bma/knowledge';
import { KnowledgeFileError, parseKnowledge, parseKnowledgeFile } from '../../src/bma/parse-knowledge';
import { createKey } from '../helpers/keys';
import { api, created } from '../sales/sales-helpers';

let readonlyKey = '';

beforeAll(async () => {
  readonlyKey = await createKey('readonly');
});

const item = (id: string, extra = '') => `  - id: ${id}
    category: maintenance
    requirement: Inspect quarterly.
    norm: DIN VDE 0833-1
    severity: major
    suggestion: Book it.${extra}
`;

function problems(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof KnowledgeFileError) return error.problems;
    throw error;
  }
  throw new Error('expected a KnowledgeFileError');
}

describe('happy', () => {
  it('ships a valid starter set covering DIN 14675, VDE 0833, EN 54 and site-specific items', () => {
    const { items, norms } = knowledgeBase();
    expect(items.length).toBeGreaterThanOrEqual(30);
    for (const norm of ['DIN 14675', 'DIN VDE 0833-1', 'DIN VDE 0833-2', 'EN 54-']) {
      expect(
        items.some((entry) => entry.norm.includes(norm)),
        norm,
      ).toBe(true);
    }
    expect(new Set(items.map((entry) => entry.category))).toEqual(
      new Set(['planning', 'design', 'detectors', 'alarm_organisation', 'maintenance', 'operation', 'documentation']),
    );
    expect(norms.map((norm) => norm.id)).toContain('DIN-14675-1');
  });

  it('ranks items by keywords', () => {
    const [top] = searchKnowledge('yearly maintenance overdue, detectors not tested');
    expect(top?.item.id).toBe('VDE0833-MAINTENANCE-YEARLY');
    const [battery] = searchKnowledge('Batterie der Notstromversorgung zu alt');
    expect(battery?.item.id).toBe('VDE0833-BATTERY');
    expect(searchKnowledge('   ')).toEqual([]);
  });

  it('yields every item as a memory nugget with its metadata', () => {
    const nuggets = knowledgeNuggets();
    expect(nuggets).toHaveLength(knowledgeBase().items.length);
    const battery = nuggets.find((nugget) => nugget.id === 'bma:VDE0833-BATTERY');
    expect(battery?.text).toContain('Norm: DIN VDE 0833-1');
    expect(battery?.metadata).toMatchObject({
      kind: 'bma_knowledge',
      category: 'maintenance',
      severity: 'critical',
      file: 'vde-0833.yaml',
    });
  });

  it('serves search results through the API', async () => {
    const found = await created<{ items: { id: string; score: number }[]; search: string }>(
      api('/api/bma/knowledge?q=route%20cards%20outdated&limit=3', readonlyKey),
      200,
    );
    // The knowledge base is stored in long-term memory on first use and searched there.
    expect(found.search).toBe('memory');
    expect(found.items[0]?.id).toBe('DIN14675-ROUTE-CARDS');
    expect(found.items.length).toBeLessThanOrEqual(3);
    const stored = await env.DB.prepare(
      "select count(*) as n from memory_nuggets where source = 'bma:knowledge'",
    ).first<{
      n: number;
    }>();
    expect(stored?.n).toBe(knowledgeBase().items.length);
    const byCategory = await created<{ items: { category: string }[] }>(
      api('/api/bma/knowledge?category=maintenance&limit=200', readonlyKey),
      200,
    );
    expect(byCategory.items.length).toBeGreaterThan(2);
    expect(byCategory.items.every((entry) => entry.category === 'maintenance')).toBe(true);
  });
});

describe('errors', () => {
  it('names file, line and field for a bad item', () => {
    const text = `items:\n${item('GOOD-ONE')}${item('bad id')}`;
    expect(problems(() => parseKnowledgeFile('mine.yaml', text))).toEqual([
      { file: 'mine.yaml', line: 8, column: 9, field: 'items.1.id', message: 'must be 3-64 of A-Z, 0-9 and -' },
    ]);
    const missing =
      'items:\n  - id: NO-SEVERITY\n    category: maintenance\n    requirement: r\n    norm: n\n    suggestion: s\n';
    expect(problems(() => parseKnowledgeFile('m.yaml', missing))[0]).toMatchObject({
      file: 'm.yaml',
      line: 2,
      field: 'items.0.severity',
    });
    expect(problems(() => parseKnowledgeFile('y.yaml', 'items: [\n'))[0]).toMatchObject({
      file: 'y.yaml',
      field: '(yaml)',
    });
  });

  it('refuses an id defined twice, naming both files', () => {
    const found = problems(() =>
      parseKnowledge([
        { file: 'a.yaml', text: `items:\n${item('SAME-ID')}` },
        { file: 'b.yaml', text: `items:\n${item('SAME-ID')}` },
      ]),
    );
    expect(found).toEqual([
      { file: 'b.yaml', line: 2, column: 1, field: 'items.id', message: 'SAME-ID is already defined in a.yaml' },
    ]);
  });

  it('refuses unknown keys and bad search parameters', async () => {
    expect(
      problems(() => parseKnowledgeFile('k.yaml', `items:\n${item('EXTRA-KEY', '\n    owner: me')}`))[0]?.field,
    ).toBe('items.0');
    expect((await api('/api/bma/knowledge?category=unknown', readonlyKey)).status).toBe(400);
    expect((await api(`/api/bma/knowledge?q=${'x'.repeat(201)}`, readonlyKey)).status).toBe(400);
  });
});

describe('security', () => {
  it('needs a key', async () => {
    expect((await api('/api/bma/knowledge', undefined)).status).toBe(401);
  });
});
