// A local stand-in for the X API v2 calls the Worker makes: `POST /2/tweets` (replies through
// `reply.in_reply_to_tweet_id`) and `GET /2/users/:id/mentions` (since_id, pagination tokens,
// `expansions=author_id`). Shapes follow docs.x.com (see /work/shared/fixtures/x): string ids,
// 201 on create, problem+json errors, x-rate-limit-* headers on every answer. Admin routes under
// /__fake/: add mentions, list created posts, set a post's metrics, queue a fault (e.g. 429) for
// requests containing a text.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFakeBody, sendFakeJson } from './fake-http.ts';
import { type FakePublicMetrics, lookupPosts, ZERO_METRICS } from './fake-x-lookup.ts';
import { xWeightedLength } from './fake-x-text.ts';
import { closeServer, LOOPBACK_HOST, listenLoopback } from './ports.ts';

export interface FakeXPost {
  id: string;
  text: string;
  author_id: string;
  created_at: string;
  conversation_id: string;
  in_reply_to?: string;
}

interface FakeXUser {
  id: string;
  name: string;
  username: string;
}

interface Fault {
  status: number;
  contains: string;
  remaining: number;
  resetSeconds: number;
}

export interface FakeXHandle {
  url: string;
  port: number;
  posts(): FakeXPost[];
  close(): Promise<void>;
}

const OWN_USER = '1700000000000000001';
const LIMIT = 200;

function send(res: ServerResponse, status: number, body: unknown, remaining: number, reset: number): void {
  sendFakeJson(res, status, body, {
    'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
    'x-rate-limit-limit': String(LIMIT),
    'x-rate-limit-remaining': String(Math.max(0, remaining)),
    'x-rate-limit-reset': String(reset),
  });
}

const problem = (status: number, title: string, detail = title) => ({ title, detail, type: 'about:blank', status });

export async function startFakeX(options: { port: number; token: string }): Promise<FakeXHandle> {
  const posts: FakeXPost[] = [];
  const mentions = new Map<string, FakeXPost[]>();
  const users = new Map<string, FakeXUser>();
  const faults: Fault[] = [];
  const metrics = new Map<string, FakePublicMetrics>();
  // Snowflake-like ids: increasing, 19 digits.
  let nextId = 1_994_000_000_000_000_000n;
  const newId = () => {
    nextId += BigInt(1 + Math.floor(Math.random() * 1000));
    return nextId.toString();
  };
  let used = 0;
  const windowReset = () => Math.floor(Date.now() / 900_000) * 900 + 900;

  function takeFault(text: string): Fault | undefined {
    const index = faults.findIndex((fault) => text.includes(fault.contains));
    const fault = faults[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) faults.splice(index, 1);
    return fault;
  }

  async function admin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const ok = (body: unknown) => send(res, 200, body, LIMIT, windowReset());
    if (path === '/__fake/posts' && req.method === 'GET') return ok(posts);
    const body = (await readFakeBody(req)) as Record<string, unknown>;
    if (path === '/__fake/mentions' && req.method === 'POST') {
      const userId = String(body.userId ?? '');
      const list = mentions.get(userId) ?? [];
      const added: FakeXPost[] = [];
      for (const raw of (body.posts as Record<string, unknown>[] | undefined) ?? []) {
        const author = raw.author as FakeXUser;
        users.set(author.id, author);
        const id = typeof raw.id === 'string' ? raw.id : newId();
        const post = {
          id,
          text: String(raw.text),
          author_id: author.id,
          created_at: new Date().toISOString(),
          conversation_id: id,
        };
        list.push(post);
        added.push(post);
      }
      mentions.set(userId, list);
      return send(res, 201, { added }, LIMIT, windowReset());
    }
    if (path === '/__fake/metrics' && req.method === 'POST') {
      const id = String(body.id ?? '');
      metrics.set(id, { ...ZERO_METRICS, ...(body.public_metrics as Partial<FakePublicMetrics> | undefined) });
      return send(res, 201, { id, public_metrics: metrics.get(id) }, LIMIT, windowReset());
    }
    if (path === '/__fake/faults' && req.method === 'POST') {
      faults.push({
        status: Number(body.status ?? 429),
        contains: String(body.contains ?? ''),
        remaining: Number(body.times ?? 1),
        resetSeconds: Number(body.resetSeconds ?? 900),
      });
      return send(res, 201, { pending: faults.length }, LIMIT, windowReset());
    }
    send(res, 404, problem(404, 'Not Found'), LIMIT, windowReset());
  }

  function mentionTimeline(res: ServerResponse, userId: string, url: URL, reset: number, remaining: number) {
    const max = Number(url.searchParams.get('max_results') ?? 10);
    if (!Number.isInteger(max) || max < 5 || max > 100)
      return send(res, 400, problem(400, 'Invalid Request', 'max_results must be between 5 and 100'), remaining, reset);
    const since = url.searchParams.get('since_id');
    const all = [...(mentions.get(userId) ?? [])]
      .filter((post) => !since || BigInt(post.id) > BigInt(since))
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const token = url.searchParams.get('pagination_token');
    const offset = token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
    if (token && !Number.isInteger(offset))
      return send(res, 400, problem(400, 'Invalid Request', 'pagination_token is invalid'), remaining, reset);
    const page = all.slice(offset, offset + max);
    if (page.length === 0) return send(res, 200, { meta: { result_count: 0 } }, remaining, reset);
    const expand = (url.searchParams.get('expansions') ?? '').split(',').includes('author_id');
    const authors = [...new Set(page.map((post) => post.author_id))].map((id) => users.get(id)).filter(Boolean);
    const next = offset + max < all.length ? Buffer.from(String(offset + max)).toString('base64url') : undefined;
    send(
      res,
      200,
      {
        data: page.map(({ in_reply_to: _reply, ...post }) => ({ ...post, edit_history_tweet_ids: [post.id] })),
        ...(expand ? { includes: { users: authors } } : {}),
        meta: {
          newest_id: page[0]?.id,
          oldest_id: page.at(-1)?.id,
          result_count: page.length,
          ...(next ? { next_token: next } : {}),
        },
      },
      remaining,
      reset,
    );
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const reset = windowReset();
    used += 1;
    const remaining = LIMIT - used;
    if (req.headers.authorization !== `Bearer ${options.token}`)
      return send(res, 401, problem(401, 'Unauthorized'), remaining, reset);
    const raw = req.method === 'POST' ? await readFakeBody(req, 'text') : '';
    const fault = takeFault(`${url.pathname}${url.search} ${raw}`);
    if (fault) {
      const faultReset = fault.status === 429 ? Math.floor(Date.now() / 1000) + fault.resetSeconds : reset;
      const title = fault.status === 429 ? 'Too Many Requests' : 'Service Unavailable';
      return send(res, fault.status, problem(fault.status, title), fault.status === 429 ? 0 : remaining, faultReset);
    }
    const timeline = /^\/2\/users\/(\d+)\/mentions$/.exec(url.pathname);
    if (timeline?.[1] && req.method === 'GET') return mentionTimeline(res, timeline[1], url, reset, remaining);
    if (url.pathname === '/2/tweets' && req.method === 'GET') {
      const answer = lookupPosts(url, posts, metrics);
      return send(res, answer.status, answer.body, remaining, reset);
    }
    if (url.pathname !== '/2/tweets' || req.method !== 'POST')
      return send(res, 404, problem(404, 'Not Found'), remaining, reset);
    let body: { text?: unknown; reply?: { in_reply_to_tweet_id?: unknown } };
    try {
      body = JSON.parse(String(raw));
    } catch {
      return send(res, 400, problem(400, 'Invalid Request', 'body is not JSON'), remaining, reset);
    }
    if (typeof body.text !== 'string' || body.text.length === 0)
      return send(res, 400, problem(400, 'Invalid Request', 'text is required'), remaining, reset);
    if (xWeightedLength(body.text) > 280)
      return send(res, 403, problem(403, 'Forbidden', 'Your Tweet text is too long.'), remaining, reset);
    if (posts.some((post) => post.text === body.text))
      return send(
        res,
        403,
        problem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.'),
        remaining,
        reset,
      );
    const replyTo = body.reply?.in_reply_to_tweet_id;
    const parent = typeof replyTo === 'string' ? posts.find((post) => post.id === replyTo) : undefined;
    if (replyTo !== undefined && !parent)
      return send(res, 400, problem(400, 'Invalid Request', 'in_reply_to_tweet_id does not exist'), remaining, reset);
    const id = newId();
    const post: FakeXPost = {
      id,
      text: body.text,
      author_id: OWN_USER,
      created_at: new Date().toISOString(),
      conversation_id: parent?.conversation_id ?? id,
      ...(parent ? { in_reply_to: parent.id } : {}),
    };
    posts.push(post);
    send(res, 201, { data: { id, text: post.text, edit_history_tweet_ids: [id] } }, remaining, reset);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const handle = url.pathname.startsWith('/__fake/') ? admin(req, res, url.pathname) : api(req, res, url);
    handle.catch(() => send(res, 400, problem(400, 'Invalid Request'), LIMIT, windowReset()));
  });
  const port = await listenLoopback(server, options.port);
  return { url: `http://${LOOPBACK_HOST}:${port}`, port, posts: () => [...posts], close: () => closeServer(server) };
}
