// A local blog that takes posts through the Worker's publishing webhook: it checks the HMAC
// signature and timestamp as a real receiver should, answers a redelivery (same Idempotency-Key)
// with the post it already made, and records every post for tests at /__fake/posts.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { readFakeBody, sendFakeJson } from './fake-http.ts';
import { closeServer, LOOPBACK_HOST, listenLoopback } from './ports.ts';

export interface FakeBlogPost {
  id: string;
  slug: string;
  title: string;
  idempotencyKey: string;
  body: Record<string, unknown>;
}

export interface FakeBlogHandle {
  /** The webhook URL to configure as BLOG_WEBHOOK_URL. */
  url: string;
  port: number;
  posts(): FakeBlogPost[];
  close(): Promise<void>;
}

const MAX_SKEW_SECONDS = 300;

function validSignature(secret: string, timestamp: string, raw: string, header: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startFakeBlog(options: { port: number; secret: string }): Promise<FakeBlogHandle> {
  const posts: FakeBlogPost[] = [];
  const faults: { status: number; contains: string; remaining: number }[] = [];
  let counter = 0;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    (async () => {
      if (path === '/__fake/posts') return sendFakeJson(res, 200, posts);
      const raw = String(await readFakeBody(req, 'text'));
      if (path === '/__fake/faults' && req.method === 'POST') {
        const spec = JSON.parse(raw) as { status: number; contains: string; times?: number };
        faults.push({ status: spec.status, contains: spec.contains, remaining: spec.times ?? 1 });
        return sendFakeJson(res, 201, { pending: faults.length });
      }
      if (path !== '/webhook' || req.method !== 'POST') return sendFakeJson(res, 404, { error: 'not found' });
      const timestamp = String(req.headers['x-empire-timestamp'] ?? '');
      const signature = String(req.headers['x-empire-signature'] ?? '');
      if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS)
        return sendFakeJson(res, 401, { error: 'stale or missing timestamp' });
      if (!validSignature(options.secret, timestamp, raw, signature))
        return sendFakeJson(res, 401, { error: 'bad signature' });
      const fault = faults.find((entry) => raw.includes(entry.contains));
      if (fault) {
        fault.remaining -= 1;
        if (fault.remaining <= 0) faults.splice(faults.indexOf(fault), 1);
        return sendFakeJson(res, fault.status, { error: 'fault' });
      }
      const key = String(req.headers['idempotency-key'] ?? '');
      const known = posts.find((post) => key && post.idempotencyKey === key);
      if (known) return sendFakeJson(res, 200, { id: known.id, url: `https://blog.example.com/${known.slug}` });
      const body = JSON.parse(raw) as Record<string, unknown>;
      counter += 1;
      const post = {
        id: `post_${counter}`,
        slug: String(body.slug),
        title: String(body.title),
        idempotencyKey: key,
        body,
      };
      posts.push(post);
      sendFakeJson(res, 201, { id: post.id, url: `https://blog.example.com/${post.slug}` });
    })().catch(() => sendFakeJson(res, 400, { error: 'bad request' }));
  });
  const port = await listenLoopback(server, options.port);
  return {
    url: `http://${LOOPBACK_HOST}:${port}/webhook`,
    port,
    posts: () => [...posts],
    close: () => closeServer(server),
  };
}
