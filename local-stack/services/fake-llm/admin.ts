import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultQueue, FaultSpec } from './faults.ts';
import { parseFaultSpec } from './faults.ts';
import type { Json } from './http.ts';
import { BadRequest, readJsonObject, sendJson } from './http.ts';
import type { RequestLog } from './request-log.ts';
import { parseScript, type ScriptBook } from './scripts.ts';

export interface FakeState {
  faults: FaultQueue;
  log: RequestLog;
  scripts: ScriptBook;
}

/** `GET /` and the `/__fake/*` admin API; returns false when the path is not an admin path. */
export async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  state: FakeState,
): Promise<boolean> {
  const method = req.method ?? 'GET';
  if (pathname === '/' && method === 'GET') {
    sendJson(res, 200, { fake: true, name: 'empire-fake-llm' });
    return true;
  }
  if (!pathname.startsWith('/__fake/')) return false;

  if (pathname === '/__fake/faults') {
    if (method === 'POST') {
      let spec: FaultSpec | string;
      try {
        spec = parseFaultSpec(await readJsonObject(req));
      } catch (error) {
        spec = error instanceof BadRequest ? error.message : String(error);
      }
      if (typeof spec === 'string') {
        sendJson(res, 400, { error: spec });
        return true;
      }
      const fault = state.faults.add(spec);
      sendJson(res, 201, { queued: toJson(fault), pending: state.faults.list().length });
      return true;
    }
    if (method === 'GET') return done(res, state.faults.list().map(toJson));
    if (method === 'DELETE') return done(res, { cleared: state.faults.clear() });
  }
  if (pathname === '/__fake/scripts') {
    if (method === 'POST') {
      const script = parseScript(await readJsonObject(req).catch(() => ({})));
      if (typeof script === 'string') {
        sendJson(res, 400, { error: script });
        return true;
      }
      state.scripts.add(script);
      sendJson(res, 201, { match: script.match, turns: script.turns.length });
      return true;
    }
    if (method === 'DELETE') return done(res, { cleared: state.scripts.clear() });
  }
  if (pathname === '/__fake/requests') {
    if (method === 'GET') return done(res, state.log.list().map(toJson));
    if (method === 'DELETE') return done(res, { cleared: state.log.clear() });
  }
  sendJson(res, 404, { error: `no admin route ${method} ${pathname}` });
  return true;
}

function done(res: ServerResponse, body: Json): true {
  sendJson(res, 200, body);
  return true;
}

// Infinity (a fault that never runs out) is not JSON; report it as -1.
function toJson(value: object): Json {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v === Number.POSITIVE_INFINITY ? -1 : v))) as Json;
}
