// A closed-loop load generator that spreads its calls over several Workers, run as its own
// process (spread.ts starts it). Reads one JSON request on stdin, keeps `connections` calls in
// flight until `total` have answered, and writes one JSON result: every call's target, status,
// when it was sent and answered, and the body of each answer that was not a 2xx.

import { readChildRequest } from './child-io.ts';
import type { SpreadRequest, SpreadResponse, SpreadResult } from './spread-types.ts';

const readRequest = () => readChildRequest<SpreadRequest>();

async function one(request: SpreadRequest, target: number, started: number): Promise<SpreadResponse> {
  const sentMs = performance.now() - started;
  const url = request.urls[target] ?? '';
  try {
    const response = await fetch(url, { method: request.method });
    const text = await response.text();
    const answeredMs = performance.now() - started;
    const answer: SpreadResponse = { target, status: response.status, sentMs, answeredMs };
    if (!response.ok && text.length > 0) {
      try {
        answer.body = JSON.parse(text);
      } catch {
        answer.body = text.slice(0, 200);
      }
    }
    return answer;
  } catch {
    return { target, status: 0, sentMs, answeredMs: performance.now() - started };
  }
}

const request = await readRequest();
const responses: SpreadResponse[] = [];
let next = 0;
const started = performance.now();
async function connection(): Promise<void> {
  while (next < request.total) {
    const call = next++;
    responses.push(await one(request, call % request.urls.length, started));
  }
}
await Promise.all(Array.from({ length: request.connections }, connection));
const result: SpreadResult = { responses, seconds: (performance.now() - started) / 1000 };
// Exits once the pipe has taken the whole result: a large write is flushed asynchronously.
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
