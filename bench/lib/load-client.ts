// The load generator, run as its own process by load.ts so that it does not share an event loop
// with the backing services the Worker under test calls back into. Reads one JSON request on
// stdin; writes `measuring` when the warm-up is over, then one JSON result, then exits when its
// parent closes stdin (after reading this process's CPU time), or when the parent goes away.
import autocannon from 'autocannon';
import type { LoadRequest, LoadResult } from './load-types.ts';

function readRequest(): Promise<LoadRequest> {
  return new Promise((resolve, reject) => {
    let input = '';
    const onData = (chunk: Buffer) => {
      input += chunk.toString();
      const newline = input.indexOf('\n');
      if (newline < 0) return;
      process.stdin.off('data', onData);
      try {
        resolve(JSON.parse(input.slice(0, newline)) as LoadRequest);
      } catch (error) {
        reject(error);
      }
    };
    process.stdin.on('data', onData);
  });
}

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

// autocannon's own histogram keeps whole milliseconds, too coarse for sub-millisecond routes,
// so each response time is recorded here as measured (microsecond resolution).
async function fire(request: LoadRequest, durationSeconds: number): Promise<LoadResult> {
  let times = new Float64Array(1 << 16);
  let count = 0;
  // autocannon treats a key set to undefined as a value, so only present ones are passed.
  const options: autocannon.Options = { url: request.url, connections: request.connections, duration: durationSeconds };
  if (request.method) options.method = request.method;
  if (request.body !== undefined) options.body = request.body;
  if (request.headers) options.headers = request.headers;
  const instance = autocannon(options, () => {});
  instance.on('response', (_client, _status, _bytes, responseTime) => {
    if (count === times.length) {
      const grown = new Float64Array(times.length * 2);
      grown.set(times);
      times = grown;
    }
    times[count++] = responseTime;
  });
  const result = await new Promise<autocannon.Result>((resolve) => instance.once('done', resolve));
  const sorted = times.subarray(0, count).sort();
  return {
    requests: count,
    requestsPerSecond: count / result.duration,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

let finished = false;
process.stdin.once('end', () => process.exit(finished ? 0 : 1));
const request = await readRequest();
if (request.warmupSeconds > 0) await fire(request, request.warmupSeconds);
process.stdout.write('measuring\n');
const result = await fire(request, request.durationSeconds);
finished = true;
process.stdout.write(`${JSON.stringify(result)}\n`);
