// A burst load generator, run as its own process (burst.ts starts it) so that its timings do not
// share an event loop with the backing services the Worker calls back into. Reads one JSON
// request on stdin, sends `count` identical requests at once, each on its own connection, and
// writes one JSON result: every response's status, time and, for a 200, the cost it reports.
import type { BurstRequest, BurstResponse, BurstResult } from './burst-types.ts';
import { readChildRequest } from './child-io.ts';

const readRequest = () => readChildRequest<BurstRequest>();

function costOf(body: string, field: string[]): number {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return Number.NaN;
  }
  for (const key of field) value = typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
  return typeof value === 'number' ? value : Number.NaN;
}

async function one(request: BurstRequest): Promise<BurstResponse> {
  const started = performance.now();
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      body: request.body,
      headers: request.headers,
    });
    const body = await response.text();
    const ms = performance.now() - started;
    const costMicros = response.status === 200 ? costOf(body, request.costField) : Number.NaN;
    return { status: response.status, ms, costMicros };
  } catch {
    return { status: 0, ms: performance.now() - started, costMicros: Number.NaN };
  }
}

const request = await readRequest();
// Node's fetch sets no limit on connections per origin: every request of the burst is in flight at once.
const started = performance.now();
const responses = await Promise.all(Array.from({ length: request.count }, () => one(request)));
const result: BurstResult = { responses, seconds: (performance.now() - started) / 1000 };
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
