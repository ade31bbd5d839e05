import { exports } from 'cloudflare:workers';
import { contractProblem } from './contract';

/**
 * A request through the Worker's real fetch handler, with the bindings of the test run. Every
 * answer is held to the contract its route declares: a mismatch fails the test that saw it.
 */
export function workerFetch(path: string, init?: RequestInit): Promise<Response> {
  return checkedFetch(new Request(`http://empire.test${path}`, init));
}

/** Any request through the Worker's fetch handler (SDK clients included), held to the contract. */
export async function checkedFetch(request: Request): Promise<Response> {
  const method = request.method;
  const response = await exports.default.fetch(request);
  // A WebSocket handshake cannot be cloned, and its body is the socket.
  if (response.status === 101) return response;
  const problem = await contractProblem(method, new URL(request.url).pathname, response.clone());
  if (problem) throw new Error(`API contract broken: ${problem}`);
  return response;
}

export interface ErrorShape {
  error: { code: string; message: string; requestId: string; details?: unknown };
}
