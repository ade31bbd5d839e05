import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { connect } from 'node:net';
import type { RawData, WebSocket } from 'ws';
import { WebSocketServer } from 'ws';
import { closeServer, isLoopbackHost, LOOPBACK_HOST, listenLoopback } from './ports.ts';

export interface NeonWsProxyOptions {
  port: number;
}

export interface NeonWsProxyHandle {
  /** `127.0.0.1:PORT/v2`, what NEON_WS_PROXY holds: the prefix before `?address=host:port`. */
  url: string;
  port: number;
  /** Number of open WebSocket<->TCP pairs (for leak checks). */
  connections(): number;
  close(): Promise<void>;
}

interface Target {
  host: string;
  port: number;
}

// 1008 = policy violation, 1011 = server error (RFC 6455).
const CLOSE_POLICY = 1008;
const CLOSE_ERROR = 1011;
const HIGH_WATER = 1 << 20;

function parseTarget(req: IncomingMessage): Target | string {
  const url = new URL(req.url ?? '/', 'http://proxy.invalid');
  if (url.pathname !== '/v2' && url.pathname !== '/v2/') return `unknown path ${url.pathname}`;
  const address = url.searchParams.get('address');
  if (!address) return 'missing ?address=host:port';
  const colon = address.lastIndexOf(':');
  if (colon <= 0) return `bad address ${address}`;
  const host = address.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  const port = Number(address.slice(colon + 1));
  if (!Number.isInteger(port) || port < 1 || port > 65535) return `bad port in ${address}`;
  if (!isLoopbackHost(host)) return `address ${host} is not loopback; refused`;
  return { host, port };
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function safeClose(ws: WebSocket, code: number, reason: string): void {
  if (ws.readyState === ws.CLOSING || ws.readyState === ws.CLOSED) return;
  try {
    ws.close(code, reason.slice(0, 120));
  } catch {
    ws.terminate();
  }
}

function bridge(ws: WebSocket, target: Target, pairs: Set<Socket>): void {
  const tcp = connect({ host: target.host, port: target.port });
  tcp.setNoDelay(true);
  pairs.add(tcp);

  ws.on('message', (data) => {
    if (!tcp.write(toBuffer(data))) ws.pause();
  });
  tcp.on('drain', () => ws.resume());
  tcp.on('data', (chunk) => {
    // The send callback runs once the frame is flushed, which is our only drain signal from ws.
    ws.send(chunk, { binary: true }, () => {
      if (tcp.isPaused() && ws.bufferedAmount < HIGH_WATER) tcp.resume();
    });
    if (ws.bufferedAmount >= HIGH_WATER) tcp.pause();
  });
  tcp.on('error', (error) => safeClose(ws, CLOSE_ERROR, `upstream: ${error.message}`));
  tcp.on('close', () => {
    pairs.delete(tcp);
    safeClose(ws, 1000, 'upstream closed');
  });
  ws.on('error', () => tcp.destroy());
  ws.on('close', () => {
    // end() lets a final Terminate message reach the server before the socket goes away.
    tcp.end();
    setTimeout(() => tcp.destroy(), 1000).unref();
  });
}

export async function startNeonWsProxy(options: NeonWsProxyOptions): Promise<NeonWsProxyHandle> {
  const http = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket upgrade required: /v2?address=host:port\n');
  });
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const pairs = new Set<Socket>();

  http.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.binaryType = 'nodebuffer';
      const target = parseTarget(req);
      if (typeof target === 'string') {
        safeClose(ws, CLOSE_POLICY, target);
        setTimeout(() => ws.terminate(), 1000).unref();
        return;
      }
      bridge(ws, target, pairs);
    });
  });

  const port = await listenLoopback(http, options.port);
  return {
    url: `${LOOPBACK_HOST}:${port}/v2`,
    port,
    connections: () => pairs.size,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      for (const tcp of pairs) tcp.destroy();
      pairs.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await closeServer(http);
    },
  };
}
