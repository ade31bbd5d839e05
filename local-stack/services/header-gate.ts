// A stand-in for Cloudflare Access (or any upstream that checks a key) in front of a local
// server: a request missing one of the required headers, or carrying a wrong value, is refused
// with 403 and an HTML body as Access refuses it at the edge (fixtures access/denied_403.txt);
// every other request is passed through to the target, streamed both ways.
import { createServer, request as httpRequest } from 'node:http';
import { closeServer, LOOPBACK_HOST, listenLoopback } from './ports.ts';

export interface HeaderGateOptions {
  /** Where admitted requests go, e.g. http://127.0.0.1:8790. */
  target: string;
  /** Header name (any case) -> the exact value it must carry. */
  required: Record<string, string>;
  port?: number;
}

export interface HeaderGate {
  url: string;
  /** How many requests were refused so far. */
  refused(): number;
  close(): Promise<void>;
}

const DENIED =
  "<!DOCTYPE html><html><head><title>Forbidden</title></head><body>Forbidden. You don't have permission to view this.</body></html>";

export async function startHeaderGate(options: HeaderGateOptions): Promise<HeaderGate> {
  const target = new URL(options.target);
  const required = Object.entries(options.required).map(([name, value]) => [name.toLowerCase(), value] as const);
  let refused = 0;
  const server = createServer((req, res) => {
    if (required.some(([name, value]) => req.headers[name] !== value)) {
      refused += 1;
      req.resume();
      res.writeHead(403, { 'content-type': 'text/html' }).end(DENIED);
      return;
    }
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: `${target.pathname.replace(/\/+$/, '')}${req.url ?? '/'}`,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('upstream unreachable');
    });
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  const port = await listenLoopback(server, options.port ?? 0);
  return {
    url: `http://${LOOPBACK_HOST}:${port}`,
    refused: () => refused,
    async close() {
      server.closeAllConnections();
      await closeServer(server);
    },
  };
}
