import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { copyWithoutRequestLog, isRequestLogLine } from '../../local-stack/request-log-filter.ts';

// As Miniflare's proxy writes them: a coloured prefix, the method and path in bold.
const coloured = (method: string, path: string) =>
  `\u001b[34m[wrangler:info]\u001b[39m \u001b[0m\u001b[1m${method}\u001b[22m ${path} \u001b[32m\u001b[1m200\u001b[22m OK\u001b[39m \u001b[90m(4ms)\u001b[39m\u001b[0m`;

describe('security', () => {
  it("knows wrangler's request lines, coloured or not, under any log level's prefix", () => {
    expect(isRequestLogLine('[wrangler:info] POST /webhooks/gumroad/secret-in-path 200 OK (12ms)')).toBe(true);
    expect(isRequestLogLine(coloured('GET', '/api/health'))).toBe(true);
    expect(isRequestLogLine('[wrangler-ProxyWorker:info] GET /metrics 401 Unauthorized (3ms)')).toBe(true);
  });

  it("keeps the app's JSON lines and wrangler's other lines", () => {
    for (const line of [
      '{"level":"info","message":"request","method":"POST","path":"/webhooks/gumroad/[redacted]","status":403}',
      '{"level":"error","message":"telegram reply failed","error":"Telegram sendMessage: HTTP 500"}',
      '[wrangler:info] Ready on http://127.0.0.1:8787',
      '[wrangler:error] TypeError: fetch failed',
      '✘ [ERROR] Uncaught Error: GET /api/budget failed',
    ])
      expect(isRequestLogLine(line)).toBe(false);
  });

  it('copies a stream line by line without the request lines', async () => {
    const source = new PassThrough();
    const sink = new PassThrough();
    copyWithoutRequestLog(source, sink);
    const chunks: string[] = [];
    sink.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    source.write('[wrangler:info] Ready on http://127.0.0.1:8787\n[wrangler:info] POST /webhooks/gum');
    source.end(`road/secret-in-path 200 OK (12ms)\n{"level":"warn","message":"x"}\n${coloured('GET', '/x')}\n`);
    await new Promise((resolve) => source.on('end', resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(chunks.join('')).toBe('[wrangler:info] Ready on http://127.0.0.1:8787\n{"level":"warn","message":"x"}\n');
  });
});
