import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { windowKey } from '../../src/budget/windows';
import { openPostgres } from '../../src/db/postgres';
import { uniqueMarker } from '../helpers/gateway';
import { fireTick, ownerMessages, runsOf, stepsOf } from './helpers';

const HEALTH = '*/5 * * * *';
const label = (tick: number) => `Health check ${new Date(tick).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

describe('errors', () => {
  it('reports a ledger row the budget never charged as drift, and tells the owner', async () => {
    const run = uniqueMarker('drift');
    const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
    const now = Date.now();
    try {
      // A row that reached Postgres without its charge: what a hand edit or a restore gone wrong leaves.
      await postgres.pool.query(
        `insert into spend_ledger (call_id, request_id, provider, model, status, cost_micros, scope_run, budget_day, budget_month)
         values ($1, $1, 'moonshot', 'moonshot/kimi-k2.5', 'ok', 777, $2, $3, $4)`,
        [`${run}-call`, run, windowKey('day', now), windowKey('month', now)],
      );
      const tick = Date.UTC(2026, 4, 2, 9, 5);
      await fireTick(HEALTH, tick);
      const steps = stepsOf((await runsOf('health_check')).find((row) => row.tick === tick));
      const books = steps.find((step) => step.name === 'books')?.output as {
        drift: { scope: string; window: string; driftMicros: number }[];
      };
      const ours = books.drift.filter((row) => row.scope === `run:${run}`);
      expect(ours.map((row) => [row.window, row.driftMicros]).sort()).toEqual([
        ['day', -777],
        ['month', -777],
      ]);
      // Postgres is shared by every test file here, so the report may list others' rows first.
      const [report] = await ownerMessages(label(tick));
      expect(report).toContain('Budget and spend ledger disagree (GET /api/budget/reconcile):');
      expect(report).toMatch(/- \S+ (day|month):\S+: budget \d+ µ\$, ledger \d+ µ\$/);
    } finally {
      await postgres.pool.query('delete from spend_ledger where scope_run = $1', [run]);
      await postgres.close();
    }
  });
});
