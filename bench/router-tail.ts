// Where the slow routed calls lose their time. The same two calls as router-overhead at one
// connection (straight from the bare Worker, and through the router), served by a workerd that
// writes its async activity trace; each request in the trace is split into its own JS turns, its
// wait on the upstream fetch, and what the thread ran for other contexts during that wait, then
// averaged over bands of response time; V8's collections in workerd are counted per call.
import { holdups, latencyBands, tracedRequests } from './lib/async-trace.ts';
import { requireHealthy } from './lib/health.ts';
import { defaultDurationSeconds, defaultPrimeSeconds, measure } from './lib/load.ts';
import { describeMachine, writeSection } from './lib/report.ts';
import { BARE_WORKER_NAME } from './lib/start-workerd.ts';
import { startTracedStack } from './lib/traced-workerd.ts';
import { preflight, primeWorkers, type Target, targets } from './router-overhead.ts';
import { renderRouterTail, type TracedPath } from './router-tail-render.ts';

export const name = 'router-tail';

const UPSTREAM_CALL = /\/chat\/completions$/;

export async function run(): Promise<void> {
  const machine = await describeMachine();
  const traced = await startTracedStack({
    bindings: { RATE_LIMIT_REQUESTS: '1000000', RATE_LIMIT_WINDOW_SECONDS: '60' },
  });
  try {
    const { stack } = traced;
    await requireHealthy(stack.url);
    const { direct, worker, workerSdk, routed } = targets(stack);
    await preflight(direct, worker, routed, workerSdk);
    const paths: Array<{ label: string; target: Target; workerName: string }> = [
      { label: 'Direct from a Worker, SDK', target: workerSdk, workerName: BARE_WORKER_NAME },
      { label: 'Through the router', target: routed, workerName: stack.workerName },
    ];
    await primeWorkers(stack, paths);
    const measured = [];
    for (const path of paths) {
      console.log(`[${name}] ${path.label} at 1 connection, traced`);
      traced.gc.phase(path.label);
      const measurement = await measure({
        ...path.target,
        method: 'POST',
        connections: 1,
        durationSeconds: defaultDurationSeconds,
        processes: stack.processes,
      });
      traced.gc.phase(undefined);
      measured.push({ ...path, measurement });
    }
    await traced.dispose();
    const results: TracedPath[] = [];
    for (const path of measured) {
      const requests = await tracedRequests(
        traced.tracePath,
        `core:user:${path.workerName}`,
        UPSTREAM_CALL,
        path.measurement.requests,
      );
      results.push({
        label: path.label,
        measurement: path.measurement,
        bands: latencyBands(requests),
        holdups: holdups(requests),
        gc: traced.gc.counts(path.label),
      });
    }
    const body = renderRouterTail(results, { seconds: defaultDurationSeconds, primeSeconds: defaultPrimeSeconds });
    await writeSection({ name, title: 'Router tail: where the slow calls spend their time', machine, body });
  } finally {
    await traced.dispose().catch(() => {});
    traced.removeTrace();
  }
}
