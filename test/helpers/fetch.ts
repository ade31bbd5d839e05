import { exports } from 'cloudflare:workers';

/** A request through the Worker's real fetch handler, with the bindings of the test run. */
export function workerFetch(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`http://empire.test${path}`, init));
}

export interface ErrorShape {
  error: { code: string; message: string; requestId: string; details?: unknown };
}
