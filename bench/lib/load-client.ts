// The load generator, run as its own process by load.ts so that it does not share an event loop
// with the backing services the Worker under test calls back into. Reads one JSON request on
// stdin; writes `measuring` when the warm-up is over, then one JSON result, then exits when its
// parent closes stdin (after reading this process's CPU time), or when the parent goes away.
import autocannon from 'autocannon';
import { readChildRequest } from './child-io.ts';
import type { LoadRequest, LoadResult, Tally } from './load-types.ts';

// In drain mode the first phase sizes itself at this many requests per connection.
const CALIBRATION_PER_CONNECTION = 20;

const readRequest = () => readChildRequest<LoadRequest>();

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

function fieldOf(body: string, path: string[]): number {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return Number.NaN;
  }
  for (const key of path) value = typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
  return typeof value === 'number' ? value : Number.NaN;
}

/** A phase ends after `seconds` (requests in flight are dropped) or after `amount` responses (none are). */
type Phase = { seconds: number } | { amount: number };

interface PhaseResult {
  /** Response times in ms, sorted. */
  times: Float64Array;
  seconds: number;
  non2xx: number;
  errors: number;
  tally: Tally;
}

// autocannon's own histogram keeps whole milliseconds, too coarse for sub-millisecond routes,
// so each response time is recorded here as measured (microsecond resolution).
async function fire(request: LoadRequest, phase: Phase): Promise<PhaseResult> {
  let times = new Float64Array(1 << 16);
  let count = 0;
  const tally: Tally = { statuses: {}, sum: 0 };
  const path = request.sumField?.split('.');
  // autocannon treats a key set to undefined as a value, so only present ones are passed.
  const options: autocannon.Options = { url: request.url, connections: request.connections };
  if ('amount' in phase) options.amount = Math.max(phase.amount, request.connections);
  else options.duration = phase.seconds;
  if (request.method) options.method = request.method;
  if (request.body !== undefined) options.body = request.body;
  if (request.headers) options.headers = request.headers;
  if (path) {
    options.requests = [
      {
        onResponse: (status, body) => {
          if (status >= 200 && status < 300) tally.sum += fieldOf(body, path);
        },
      },
    ];
  }
  const started = performance.now();
  let lastResponse = started;
  const instance = autocannon(options, () => {});
  instance.on('response', (_client, status, _bytes, responseTime) => {
    lastResponse = performance.now();
    tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
    if (count === times.length) {
      const grown = new Float64Array(times.length * 2);
      grown.set(times);
      times = grown;
    }
    times[count++] = responseTime;
  });
  const result = await new Promise<autocannon.Result>((resolve) => instance.once('done', resolve));
  // With a fixed amount autocannon notices the end on its next one-second tick: time to the last response instead.
  const seconds = 'amount' in phase ? (lastResponse - started) / 1000 : result.duration;
  return { times: times.subarray(0, count).sort(), seconds, non2xx: result.non2xx, errors: result.errors, tally };
}

const rateOf = (phase: PhaseResult) => phase.times.length / phase.seconds;

function addTally(into: Tally, from: Tally): void {
  for (const [status, n] of Object.entries(from.statuses)) into.statuses[status] = (into.statuses[status] ?? 0) + n;
  into.sum += from.sum;
}

/** Runs the warm-up, then says `measuring`, then runs the measured phase. */
async function run(request: LoadRequest): Promise<LoadResult> {
  const warmup: Tally = { statuses: {}, sum: 0 };
  let rate = Number.NaN;
  if (request.drain) {
    const calibration = await fire(request, { amount: request.connections * CALIBRATION_PER_CONNECTION });
    addTally(warmup, calibration.tally);
    rate = rateOf(calibration);
    if (request.warmupSeconds > 0) {
      const warm = await fire(request, { amount: Math.round(rate * request.warmupSeconds) });
      addTally(warmup, warm.tally);
      rate = rateOf(warm);
    }
  } else if (request.warmupSeconds > 0) {
    addTally(warmup, (await fire(request, { seconds: request.warmupSeconds })).tally);
  }
  process.stdout.write('measuring\n');
  const phase: Phase = request.drain
    ? { amount: Math.round(rate * request.durationSeconds) }
    : { seconds: request.durationSeconds };
  const measured = await fire(request, phase);
  return {
    requests: measured.times.length,
    requestsPerSecond: rateOf(measured),
    p50Ms: percentile(measured.times, 0.5),
    p99Ms: percentile(measured.times, 0.99),
    non2xx: measured.non2xx,
    errors: measured.errors,
    tally: measured.tally,
    warmup,
  };
}

let finished = false;
process.stdin.once('end', () => process.exit(finished ? 0 : 1));
const result = await run(await readRequest());
finished = true;
process.stdout.write(`${JSON.stringify(result)}\n`);
