import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { errorMessage } from '../../src/lib/error-message.ts';
import { FAKE_HEADER } from './fake-http.ts';
import type { FakeState } from './fake-llm/admin.ts';
import { handleAdmin } from './fake-llm/admin.ts';
import type { LlmRequest } from './fake-llm/context.ts';
import type { Fault, FaultSpec } from './fake-llm/faults.ts';
import { errorBody, FaultQueue } from './fake-llm/faults.ts';
import type { JsonObject } from './fake-llm/http.ts';
import { BadRequest, readJsonObject, sendJson, sendRaw, sleep, str } from './fake-llm/http.ts';
import type { RequestLogEntry } from './fake-llm/request-log.ts';
import { messagesOf, RequestLog } from './fake-llm/request-log.ts';
import type { Route } from './fake-llm/routes.ts';
import { findRoute } from './fake-llm/routes.ts';
import { ScriptBook } from './fake-llm/scripts.ts';
import { closeServer, LOOPBACK_HOST, listenLoopback } from './ports.ts';

export type { FaultSpec, RequestLogEntry };

export interface FakeLlmOptions {
  port: number;
}

export interface FakeLlmHandle {
  /** `http://127.0.0.1:PORT`; append `/{provider}/v1` (or `/{provider}` for Anthropic SDK base URLs). */
  url: string;
  port: number;
  addFault(spec: FaultSpec): void;
  clearFaults(): void;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  close(): Promise<void>;
}

const MALFORMED = '{"id": "chatcmpl-fake-malformed", "object": "chat.completion", "choices": [{"index": 0, "message": ';

function answerFault(ctx: LlmRequest, fault: Fault): void {
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  if (fault.body === 'malformed') sendRaw(ctx.res, fault.status, MALFORMED, headers);
  else sendJson(ctx.res, fault.status, fault.body ?? errorBody(ctx.style, fault.status), headers);
}

async function serveLlm(
  req: IncomingMessage,
  res: ServerResponse,
  route: Route,
  pathname: string,
  state: FakeState,
): Promise<void> {
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  let body: JsonObject = {};
  try {
    if (req.method === 'POST') body = await readJsonObject(req);
  } catch (error) {
    if (!(error instanceof BadRequest)) throw error;
    sendJson(res, 400, errorBody(route.style, 400, `${error.message} (fake)`));
    return;
  }
  const model = str(body, 'model') ?? null;
  const rawBody = JSON.stringify(body);
  const entry = state.log.add({
    provider: route.provider,
    path: pathname,
    model,
    stream: body.stream === true,
    excerpt: rawBody.slice(0, 2_000),
    messages: messagesOf(body),
  });
  res.on('finish', () => {
    entry.status = res.statusCode;
  });
  const ctx: LlmRequest = {
    req,
    res,
    provider: route.provider,
    body,
    style: route.style,
    signal: controller.signal,
    scripts: state.scripts,
  };

  const headerDelay = Number(req.headers['x-fake-delay-ms'] ?? 0);
  if (Number.isFinite(headerDelay) && headerDelay > 0 && !(await sleep(headerDelay, ctx.signal))) return;

  const fault = state.faults.take(route.provider, model, rawBody);
  if (fault) {
    entry.fault = true;
    if (fault.delayMs && !(await sleep(fault.delayMs, ctx.signal))) return;
    if (fault.disconnect) {
      req.socket.destroy();
      return;
    }
    if (fault.status !== 200 || fault.body !== undefined) {
      answerFault(ctx, fault);
      return;
    }
    if (fault.midstream) ctx.failMidstream = true;
  }
  await route.handler(ctx);
}

export async function startFakeLlm(options: FakeLlmOptions): Promise<FakeLlmHandle> {
  const state: FakeState = { faults: new FaultQueue(), log: new RequestLog(), scripts: new ScriptBook() };

  const server = createServer((req, res) => {
    res.setHeader(FAKE_HEADER, '1');
    const { pathname } = new URL(req.url ?? '/', 'http://fake.invalid');
    const serve = async (): Promise<void> => {
      if (await handleAdmin(req, res, pathname, state)) return;
      const route = findRoute(req.method ?? 'GET', pathname, req.headers);
      if (route) return serveLlm(req, res, route, pathname, state);
      req.resume();
      const style = pathname.includes('/api/') ? 'ollama' : req.headers['anthropic-version'] ? 'anthropic' : 'openai';
      sendJson(res, 404, errorBody(style, 404, `Unknown route ${req.method ?? ''} ${pathname} (fake)`));
    };
    serve().catch((error: unknown) => {
      sendJson(res, 500, errorBody('openai', 500, `fake server failure: ${errorMessage(error)}`));
    });
  });

  // workerd pools connections to an upstream and reuses them without a limit of its own; Node's
  // default closes one idle for 5 s, racing a reuse, and the call on it fails before any answer.
  // The client closes idle sockets here, as Miniflare's own loopback server lets it.
  server.keepAliveTimeout = 0;
  const port = await listenLoopback(server, options.port);
  return {
    url: `http://${LOOPBACK_HOST}:${port}`,
    port,
    addFault: (spec) => void state.faults.add(spec),
    clearFaults: () => void state.faults.clear(),
    requests: () => state.log.list(),
    clearRequests: () => void state.log.clear(),
    async close() {
      server.closeAllConnections();
      await closeServer(server);
    },
  };
}
