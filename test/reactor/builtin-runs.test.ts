import { describe, expect, it } from 'vitest';
import { type ErrorShape, workerFetch } from '../helpers/fetch';
import { ownerKey } from '../helpers/keys';
import { startTask, waitForRun } from '../helpers/runs';

const cases: [string, Record<string, unknown>, number, (results: unknown) => void, (() => Promise<void>)?][] = [
  [
    'lead_research',
    { icp: 'Hotels with 3+ sites in DACH', regions: ['DACH', 'Benelux'] },
    2,
    (results) => {
      // The unscripted fake reads no page, so its example lead cites nothing fetched and is dropped
      // (test/reactor/research-tasks.test.ts runs it with pages to read).
      expect(results).toEqual([]);
    },
  ],
  [
    'content_generation',
    { topic: 'automation for one-person firms' },
    1,
    (results) => {
      expect(results).toEqual([
        expect.objectContaining({ blog: expect.objectContaining({ slug: 'five-automations-that-pay' }) }),
      ]);
    },
  ],
  [
    'competitor_analysis',
    { market: 'automation consulting', competitors: ['A', 'B', 'C'] },
    3,
    (results) => {
      expect(results).toHaveLength(3);
      // The example's claims cite pages no job read: they are kept apart as unsupported.
      expect(results).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ opening_score: 7, strengths: [], sources: [], unsupported: expect.any(Array) }),
        ]),
      );
    },
  ],
  ['product_ideas', { niche: 'fire safety' }, 5, (results) => expect((results as unknown[]).length).toBe(5)],
  [
    'bma_services',
    {},
    3,
    (results) =>
      expect(results).toEqual(
        expect.arrayContaining([expect.objectContaining({ norms: ['DIN 14675', 'DIN VDE 0833-2'] })]),
      ),
  ],
];

describe('happy', () => {
  it.each(cases)(
    'runs %s end to end against the fake LLM',
    async (name, inputs, jobs, check) => {
      const started = await startTask(name, { inputs });
      expect(started.status).toBe(202);
      const { runId, total } = (await started.json()) as { runId: string; total: number };
      expect(total).toBe(jobs);
      const run = await waitForRun(runId);
      expect(run).toMatchObject({ status: 'done', done: jobs, failed: 0 });
      expect(run.costMicros).toBeGreaterThan(0);
      check(run.results);
    },
    60_000,
  );

  it('lists the tasks with their inputs', async () => {
    const response = await workerFetch('/api/tasks', { headers: { authorization: `Bearer ${ownerKey}` } });
    const body = (await response.json()) as { tasks: { name: string; source: string }[]; problems: unknown[] };
    expect(body.tasks.map((task) => task.name)).toContain('bma_services');
    expect(body.problems).toEqual([]);
  });
});

describe('errors', () => {
  it.each([
    ['an unknown task', 'no_such_task', { inputs: {} }, 404],
    ['a missing required input', 'content_generation', { inputs: {} }, 400],
    ['an input of the wrong type', 'lead_research', { inputs: { icp: 42 } }, 400],
    ['an unknown input', 'content_generation', { inputs: { topic: 'x', colour: 'blue' } }, 400],
    ['an empty fan-out list', 'competitor_analysis', { inputs: { market: 'x', competitors: [] } }, 400],
    ['a path-traversal name', '..%2Fetc', { inputs: {} }, 400],
  ])('refuses %s', async (_label, name, body, status) => {
    const response = await startTask(name, body);
    expect(response.status).toBe(status);
    expect(((await response.json()) as ErrorShape).error.code).toBeTypeOf('string');
  });
});
