// Refusal latency: a burst of concurrent chat completions through the Empire Worker against a
// global day cap that fits about a hundred of them. A refusal should never wait for an upstream,
// a lease expiry or another call's settlement, so the 402s' p99 is set beside the 200s' p99 of the
// same burst. Then, for a fixed window, how often the deferred calls are woken (D1
// `deferred_calls.attempts`), and an exact accounting check once everything has settled.
import { z } from 'zod';
import { budgetLedger, GLOBAL, settledUsage } from './lib/budget-ledger.ts';
import { burst } from './lib/burst.ts';
import { requireHealthy } from './lib/health.ts';
import { describeMachine, writeSection } from './lib/report.ts';
import { type BenchStack, startStack } from './lib/stack.ts';
import { type DeferralTally, type Reconcile, type RefusalRun, renderRefusals } from './refusals-render.ts';
import { targets } from './router-overhead.ts';

export const name = 'refusals';

function countFromEnv(variable: string, fallback: number): number {
  const value = Number(process.env[variable]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Calls sent at once; BURST_CALLS changes it for a trial run. */
const BURST_CALLS = countFromEnv('BURST_CALLS', 1_000);
/** The day cap left for the burst fits this many calls at the settled cost of one. */
const FITTING_CALLS = 100;
/** How long deferral wakes are counted after the burst; OBSERVE_SECONDS shortens it. */
const OBSERVE_SECONDS = countFromEnv('OBSERVE_SECONDS', 60);
const SAMPLE_EVERY_SECONDS = 10;
const COST_FIELD = ['empire', 'cost_micros'];

const tallySchema = z.object({
  status: z.string(),
  rows: z.number(),
  attempts: z.number().nullable(),
  cost: z.number().nullable(),
});

async function deferralTally(stack: BenchStack): Promise<DeferralTally> {
  const db = await stack.mf.getD1Database('DB', stack.workerName);
  const result = await db
    .prepare(
      `select status, count(*) as rows, sum(attempts) as attempts,
              sum(json_extract(result, '$.costMicros')) as cost
         from deferred_calls group by status`,
    )
    .all();
  const byStatus: Record<string, number> = {};
  let attempts = 0;
  let doneCostMicros = 0;
  for (const row of z.array(tallySchema).parse(result.results)) {
    byStatus[row.status] = row.rows;
    attempts += row.attempts ?? 0;
    if (row.status === 'done') doneCostMicros += row.cost ?? 0;
  }
  return { at: Date.now(), byStatus, attempts, doneCostMicros };
}

const reconcileSchema = z.object({
  pending: z.object({ rows: z.number() }),
  rows: z.array(z.object({ scope: z.string(), window: z.string(), spentMicros: z.number(), driftMicros: z.number() })),
});

/**
 * GET /api/budget/reconcile once no ledger row waits to reach Postgres (or 30 s pass), read for the
 * burst's own run scope: the Postgres ledger may hold other runs' rows of the same day (a machine's
 * PostgreSQL is shared), which a ledger object new to this run never charged.
 */
async function reconcile(stack: BenchStack, run: string): Promise<Reconcile> {
  const started = Date.now();
  for (;;) {
    const response = await fetch(`${stack.url}/api/budget/reconcile`, {
      headers: { authorization: `Bearer ${stack.backing.ownerKey}` },
    });
    const body = reconcileSchema.parse(await response.json());
    const waitedMs = Date.now() - started;
    if (body.pending.rows === 0 || waitedMs > 30_000) {
      const rows = body.rows.filter((row) => row.scope === `run:${run}`);
      const driftMicros = rows.reduce((sum, row) => sum + Math.abs(row.driftMicros), 0);
      const daySpentMicros = rows.find((row) => row.window === 'day')?.spentMicros ?? 0;
      return { scopeRows: rows.length, daySpentMicros, pendingRows: body.pending.rows, driftMicros, waitedMs };
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function costOfOneCall(stack: BenchStack, url: string, body: string, headers: Record<string, string>) {
  const response = await fetch(url, { method: 'POST', body, headers });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`the preflight call answered ${response.status}: ${text.slice(0, 500)}`);
  const cost = z.object({ empire: z.object({ cost_micros: z.number() }) }).parse(JSON.parse(text)).empire.cost_micros;
  if (!(cost > 0)) throw new Error(`the preflight call cost ${cost}: a cap cannot refuse a free call`);
  await settledUsage(await budgetLedger(stack, 'global'), GLOBAL);
  return cost;
}

async function observe(stack: BenchStack): Promise<DeferralTally[]> {
  const samples = [await deferralTally(stack)];
  for (let waited = 0; waited < OBSERVE_SECONDS; waited += SAMPLE_EVERY_SECONDS) {
    const pause = Math.min(SAMPLE_EVERY_SECONDS, OBSERVE_SECONDS - waited);
    await new Promise((resolve) => setTimeout(resolve, pause * 1000));
    samples.push(await deferralTally(stack));
  }
  return samples;
}

export async function run(): Promise<void> {
  const machine = await describeMachine();
  // The API's per-client rate limit would refuse most of the burst before the budget does.
  const stack = await startStack({ bindings: { RATE_LIMIT_REQUESTS: '1000000', RATE_LIMIT_WINDOW_SECONDS: '60' } });
  try {
    await requireHealthy(stack.url);
    const { routed } = targets(stack);
    const callCostMicros = await costOfOneCall(stack, routed.url, routed.body, routed.headers);
    const ledger = await budgetLedger(stack, 'global');
    const before = await ledger.usage(GLOBAL);
    const capMicros = before.spentMicros + FITTING_CALLS * callCostMicros;
    await ledger.setCap(GLOBAL, 'day', capMicros);
    const deferralsBefore = await deferralTally(stack);
    console.log(`[${name}] ${BURST_CALLS} calls at once under a day cap of ${capMicros} micros`);
    // Tagged with a run scope of its own, so the books of this burst can be read apart from any other.
    const run = `refusals-${Date.now().toString(36)}`;
    const headers = { ...routed.headers, 'x-empire-run': run };
    const result = await burst({ ...routed, headers, count: BURST_CALLS, costField: COST_FIELD });
    console.log(`[${name}] burst answered in ${result.seconds.toFixed(1)} s; observing wakes for ${OBSERVE_SECONDS} s`);
    const samples = await observe(stack);
    const { usage, waitedMs } = await settledUsage(ledger, GLOBAL, 30);
    const books = await reconcile(stack, run);
    const runData: RefusalRun = {
      run,
      burstCalls: BURST_CALLS,
      fittingCalls: FITTING_CALLS,
      callCostMicros,
      capMicros,
      spentBeforeMicros: before.spentMicros,
      result,
      deferralsBefore,
      samples,
      observeSeconds: OBSERVE_SECONDS,
      usage,
      settledMs: waitedMs,
      books,
    };
    await requireHealthy(stack.url);
    await writeSection({
      name,
      title: 'Refusals: how long a 402 takes under a burst',
      machine,
      body: renderRefusals(runData, { postgres: stack.backing.postgres }),
    });
  } finally {
    await stack.dispose();
  }
}
