// A local web for the agents' tools: pages a test registers (HTML, redirects, any status) and a
// Brave Search API stand-in whose answers have the shape of test/fixtures/web, listing those pages.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFakeBody, sendFakeJson } from './fake-http.ts';
import { closeServer, LOOPBACK_HOST, listenLoopback } from './ports.ts';

export interface FakePage {
  path: string;
  body?: string;
  contentType?: string;
  status?: number;
  /** Answer with this Location (and a 302 unless status says otherwise). */
  location?: string;
  /** Waits this long before answering, for time-limit tests. */
  delayMs?: number;
  /** Listed in search answers with this title and description. */
  search?: { title: string; description: string };
}

export interface FakeWebHandle {
  url: string;
  /** The search endpoint to configure as WEB_SEARCH_URL. */
  searchUrl: string;
  token: string;
  close(): Promise<void>;
}

const SEARCH_PATH = '/res/v1/web/search';
const envelope = JSON.parse(
  readFileSync(new URL('../../test/fixtures/web/brave_web_search_response.json', import.meta.url), 'utf8'),
) as { query: Record<string, unknown>; web: { results: Record<string, unknown>[] } };
const MAX_STREAMED_BYTES = 50_000_000;

function searchResult(base: string, page: FakePage): Record<string, unknown> {
  const template = envelope.web.results[0] ?? {};
  const url = `${base}${page.path}`;
  const { hostname, host } = new URL(url);
  return {
    ...template,
    title: page.search?.title ?? page.path,
    url,
    description: page.search?.description ?? '',
    profile: { name: hostname, url, long_name: host, img: '' },
    meta_url: { scheme: 'http', netloc: host, hostname, favicon: '', path: page.path },
  };
}

export async function startFakeWeb(options: { port: number; token: string }): Promise<FakeWebHandle> {
  const pages = new Map<string, FakePage>();
  const requests: { path: string; query: string }[] = [];
  let base = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    (async () => {
      if (url.pathname === '/__fake/pages' && req.method === 'POST') {
        const page = (await readFakeBody(req)) as FakePage;
        pages.set(page.path, page);
        return sendFakeJson(res, 201, { url: `${base}${page.path}` });
      }
      if (url.pathname === '/__fake/requests') return sendFakeJson(res, 200, requests);
      requests.push({ path: url.pathname, query: url.search });
      if (url.pathname === SEARCH_PATH) {
        if (req.headers['x-subscription-token'] !== options.token)
          return sendFakeJson(res, 401, { status: 401, code: 'SUBSCRIPTION_TOKEN_INVALID', detail: 'bad token' });
        const q = url.searchParams.get('q') ?? '';
        if (!q) return sendFakeJson(res, 422, { status: 422, code: 'VALIDATION', detail: 'q is required' });
        const count = Math.min(20, Number(url.searchParams.get('count') ?? 20));
        const listed = [...pages.values()].filter((page) => page.search).slice(0, count);
        const { web: _web, ...rest } = envelope;
        const body = listed.length
          ? {
              ...rest,
              query: { ...envelope.query, original: q },
              web: { ...envelope.web, results: listed.map((page) => searchResult(base, page)) },
            }
          : { ...rest, query: { ...envelope.query, original: q } };
        return sendFakeJson(res, 200, body);
      }
      // `/bytes/<n>` streams n bytes with no Content-Length; `?declared` sends one.
      const bytes = /^\/bytes\/(\d{1,9})$/.exec(url.pathname);
      if (bytes) {
        const total = Math.min(MAX_STREAMED_BYTES, Number(bytes[1]));
        res.writeHead(200, {
          'content-type': 'text/plain',
          ...(url.searchParams.has('declared') ? { 'content-length': String(total) } : {}),
        });
        const chunk = 'x'.repeat(64 * 1024);
        for (let sent = 0; sent < total && !res.destroyed; sent += chunk.length) {
          if (!res.write(chunk.slice(0, Math.min(chunk.length, total - sent))))
            await new Promise((resolve) => res.once('drain', resolve));
        }
        return res.end();
      }
      const page = pages.get(url.pathname);
      if (!page) return sendFakeJson(res, 404, { error: 'no such page' });
      if (page.delayMs) await new Promise((resolve) => setTimeout(resolve, Math.min(page.delayMs ?? 0, 60_000)));
      if (res.destroyed) return;
      const status = page.status ?? (page.location ? 302 : 200);
      res.writeHead(status, {
        'content-type': page.contentType ?? 'text/html; charset=utf-8',
        ...(page.location ? { location: page.location } : {}),
      });
      res.end(page.body ?? '');
    })().catch((error: unknown) => {
      if (!res.headersSent) sendFakeJson(res, 500, { error: String(error) });
      else res.destroy();
    });
  });
  const port = await listenLoopback(server, options.port);
  base = `http://${LOOPBACK_HOST}:${port}`;
  return {
    url: base,
    searchUrl: `${base}${SEARCH_PATH}`,
    token: options.token,
    close: async () => {
      server.closeAllConnections();
      await closeServer(server);
    },
  };
}
