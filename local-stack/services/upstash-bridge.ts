import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { errorMessage } from '../../src/lib/error-message.ts';
import { readBodyText } from './fake-http.ts';
import { closeServer, LOOPBACK_HOST, listenLoopback } from './ports.ts';
import { createMemoryBackend } from './upstash-bridge/memory-backend.ts';
import { createRedisBackend } from './upstash-bridge/redis-backend.ts';
import type { Command, RedisBackend, RedisReply, RedisValue } from './upstash-bridge/types.ts';
import { unavailable } from './upstash-bridge/types.ts';

export interface UpstashBridgeOptions {
  port: number;
  token: string;
  /** A real Redis (e.g. redis://127.0.0.1:6379); without it an in-memory ioredis-mock is used. */
  redisUrl?: string;
}

export interface UpstashBridgeHandle {
  url: string;
  port: number;
  token: string;
  backend: 'redis' | 'memory';
  close(): Promise<void>;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const MAX_BODY = 16 * 1024 * 1024;

class HttpError extends Error {
  status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

function encode(value: RedisValue, base64: boolean): Json {
  if (value === null || typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map((v) => encode(v, base64));
  const bytes = typeof value === 'string' ? Buffer.from(value) : value;
  return base64 ? bytes.toString('base64') : bytes.toString('utf8');
}

function encodeReplies(replies: RedisReply[], base64: boolean): Json {
  return replies.map((r): Json => ('error' in r ? { error: r.error } : { result: encode(r.result, base64) }));
}

function toCommand(raw: unknown): Command {
  if (!Array.isArray(raw) || raw.length === 0) throw new HttpError(400, 'ERR failed to parse command');
  return raw.map((arg) => {
    if (typeof arg === 'string') return arg;
    if (typeof arg === 'number' || typeof arg === 'boolean') return String(arg);
    throw new HttpError(400, 'ERR failed to parse command');
  });
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new HttpError(400, 'ERR failed to parse command');
  }
}

function checkAvailable(commands: Command[]): void {
  for (const command of commands) {
    const reason = unavailable(command);
    if (reason) throw new HttpError(400, reason);
  }
}

function authorized(req: IncomingMessage, url: URL, token: string): boolean {
  const header = req.headers.authorization ?? '';
  return header === `Bearer ${token}` || url.searchParams.get('_token') === token;
}

async function handle(req: IncomingMessage, url: URL, backend: RedisBackend): Promise<Json> {
  const base64 = (req.headers['upstash-encoding'] ?? '').toString().toLowerCase() === 'base64';
  const body =
    req.method === 'POST'
      ? await readBodyText(req, MAX_BODY, () => new HttpError(413, 'ERR max request size exceeded'))
      : '';
  if (url.pathname === '/pipeline' || url.pathname === '/multi-exec') {
    const raw = parseJson(body);
    if (!Array.isArray(raw) || raw.length === 0) throw new HttpError(400, 'ERR failed to parse pipeline request');
    const commands = raw.map(toCommand);
    checkAvailable(commands);
    const replies =
      url.pathname === '/pipeline' ? await backend.pipeline(commands) : await backend.transaction(commands);
    return encodeReplies(replies, base64);
  }
  // `/set/key/value` style: the path is the command, a POST body is its last argument.
  const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const command = segments.length > 0 ? [...segments, ...(body ? [body] : [])] : toCommand(parseJson(body));
  checkAvailable([command]);
  return { result: encode(await backend.run(command), base64) };
}

function send(res: ServerResponse, status: number, body: Json): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export async function startUpstashBridge(options: UpstashBridgeOptions): Promise<UpstashBridgeHandle> {
  if (!options.token) throw new Error('startUpstashBridge: token is required');
  const backend = options.redisUrl ? await createRedisBackend(options.redisUrl) : createMemoryBackend();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://bridge.invalid');
    if (req.method === 'GET' && url.pathname === '/__health') {
      send(res, 200, { ok: true, backend: backend.kind });
      return;
    }
    if (!authorized(req, url, options.token)) {
      req.resume();
      send(res, 401, { error: 'Unauthorized' });
      return;
    }
    handle(req, url, backend).then(
      (body) => send(res, 200, body),
      (error: unknown) => {
        const status = error instanceof HttpError ? error.status : 400;
        send(res, status, { error: errorMessage(error) });
      },
    );
  });

  let port: number;
  try {
    port = await listenLoopback(server, options.port);
  } catch (error) {
    await backend.close();
    throw error;
  }
  return {
    url: `http://${LOOPBACK_HOST}:${port}`,
    port,
    token: options.token,
    backend: backend.kind,
    async close() {
      server.closeAllConnections();
      await closeServer(server);
      await backend.close();
    },
  };
}
