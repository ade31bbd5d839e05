// The open-loop load generator, run as its own process by open-loop.ts. Requests leave on a fixed
// schedule (constant or Poisson arrivals) whether or not earlier ones were answered, and each
// one's latency runs from the time it was scheduled, not from when it got a socket: a server that
// stalls is charged for every request the stall delayed (no coordinated omission). Reads one JSON
// request on stdin; writes `measuring` when the warm-up is over, then one JSON result, then exits
// when its parent closes stdin.
import { Agent, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { readChildRequest } from './child-io.ts';
import { LATE_AFTER_MS, type OpenLoopRequest, type OpenLoopResult } from './open-loop-types.ts';

// The schedule is kept by a timer this often; every request due by then leaves in that turn.
const TICK_MS = 1;

interface Outcome {
  latencyMs: number;
  status: number;
}

const readRequest = () => readChildRequest<OpenLoopRequest>();

/** Send times in ms from the start of a phase. */
function schedule(request: OpenLoopRequest, seconds: number): Float64Array {
  const meanGapMs = 1000 / request.rate;
  const count = Math.floor(seconds * request.rate);
  const times = new Float64Array(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    times[i] = at;
    at += request.arrivals === 'poisson' ? -Math.log(1 - Math.random()) * meanGapMs : meanGapMs;
  }
  return times;
}

function sender(request: OpenLoopRequest) {
  const url = new URL(request.url);
  const agent = new Agent({ keepAlive: true, maxSockets: request.sockets, maxFreeSockets: request.sockets });
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = {
    ...request.headers,
    ...(request.body ? { 'content-length': Buffer.byteLength(request.body) } : {}),
  };
  return (scheduledAt: number): Promise<Outcome> =>
    new Promise((resolve) => {
      let done = false;
      const finish = (status: number) => {
        if (done) return;
        done = true;
        resolve({ latencyMs: performance.now() - scheduledAt, status });
      };
      const outgoing = send(url, { method: request.method ?? 'GET', headers, agent }, (response) => {
        response.on('data', () => {});
        response.on('end', () => finish(response.statusCode ?? 0));
        response.on('error', () => finish(0));
      });
      outgoing.setTimeout(request.timeoutMs, () => outgoing.destroy(new Error('timeout')));
      outgoing.on('error', () => finish(0));
      outgoing.end(request.body);
    });
}

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/** Runs one phase on its schedule and waits for every request it sent. */
async function runPhase(request: OpenLoopRequest, seconds: number, send: ReturnType<typeof sender>) {
  const times = schedule(request, seconds);
  const outcomes: Promise<Outcome>[] = [];
  let lateSends = 0;
  let maxSendLagMs = 0;
  const started = performance.now();
  await new Promise<void>((resolve) => {
    let next = 0;
    const tick = () => {
      const now = performance.now();
      while (next < times.length && started + (times[next] ?? 0) <= now) {
        const scheduledAt = started + (times[next] ?? 0);
        const lag = now - scheduledAt;
        if (lag > LATE_AFTER_MS) lateSends++;
        maxSendLagMs = Math.max(maxSendLagMs, lag);
        outcomes.push(send(scheduledAt));
        next++;
      }
      if (next < times.length) setTimeout(tick, Math.min(TICK_MS, started + (times[next] ?? 0) - now));
      else resolve();
    };
    tick();
  });
  const settled = await Promise.all(outcomes);
  return { settled, lateSends, maxSendLagMs, seconds };
}

async function run(request: OpenLoopRequest): Promise<OpenLoopResult> {
  const send = sender(request);
  if (request.warmupSeconds > 0) await runPhase(request, request.warmupSeconds, send);
  process.stdout.write('measuring\n');
  const phase = await runPhase(request, request.durationSeconds, send);
  const latencies = Float64Array.from(phase.settled, (outcome) => outcome.latencyMs).sort();
  const answered = phase.settled.filter((outcome) => outcome.status > 0);
  return {
    scheduled: phase.settled.length,
    achievedRate: answered.length / phase.seconds,
    p50Ms: percentile(latencies, 0.5),
    p90Ms: percentile(latencies, 0.9),
    p99Ms: percentile(latencies, 0.99),
    maxMs: latencies.at(-1) ?? Number.NaN,
    non2xx: answered.filter((outcome) => outcome.status < 200 || outcome.status >= 300).length,
    errors: phase.settled.length - answered.length,
    lateSends: phase.lateSends,
    maxSendLagMs: phase.maxSendLagMs,
  };
}

let finished = false;
process.stdin.once('end', () => process.exit(finished ? 0 : 1));
const result = await run(await readRequest());
finished = true;
process.stdout.write(`${JSON.stringify(result)}\n`);
