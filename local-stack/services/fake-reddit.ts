// A local stand-in for the two Reddit endpoints the Worker calls, answering as the samples in
// test/fixtures/reddit: `POST /api/v1/access_token` (Basic auth with the app's id and secret,
// password or refresh_token grant; a wrong password is 200 with invalid_grant) and
// `POST /api/submit` (bearer token, form-encoded, errors as [code, message, field] in json.errors).
// One server serves both hosts. Admin routes under /__fake/: list posts, count token grants,
// queue a fault (status 200 with RATELIMIT, or a 429 with x-ratelimit-reset), revoke tokens.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { faultQueue, wireSample } from './fake-faults.ts';
import { readFakeBody, sendFakeJson } from './fake-http.ts';
import { closeServer, LOOPBACK_HOST, listenLoopback } from './ports.ts';

export interface FakeRedditPost {
  name: string;
  subreddit: string;
  title: string;
  text: string;
  userAgent: string;
}

export interface FakeRedditOptions {
  port: number;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  subreddit: string;
}

export interface FakeRedditHandle {
  url: string;
  posts(): FakeRedditPost[];
  close(): Promise<void>;
}

const TITLE_MAX = 300;

export async function startFakeReddit(options: FakeRedditOptions): Promise<FakeRedditHandle> {
  const posts: FakeRedditPost[] = [];
  const tokens = new Map<string, number>();
  const faults = faultQueue();
  let grants = 0;
  const basic = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`;

  function accessToken(req: IncomingMessage, res: ServerResponse, form: URLSearchParams) {
    if (req.headers.authorization !== basic)
      return sendFakeJson(res, 401, wireSample('reddit', 'access_token_401.json'));
    const grant = form.get('grant_type');
    const valid =
      grant === 'password'
        ? form.get('username') === options.username && form.get('password') === options.password
        : grant === 'refresh_token' && form.get('refresh_token') === `${options.username}-refresh`;
    if (!valid) return sendFakeJson(res, 200, wireSample('reddit', 'access_token_invalid_grant.json'));
    grants += 1;
    const token = randomBytes(12).toString('hex');
    tokens.set(token, Date.now() + 86_400_000);
    sendFakeJson(res, 200, { ...wireSample('reddit', 'access_token_response.json'), access_token: token });
  }

  function submit(req: IncomingMessage, res: ServerResponse, form: URLSearchParams, raw: string) {
    const token = /^bearer (.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
    if ((tokens.get(token) ?? 0) < Date.now()) return sendFakeJson(res, 401, { message: 'Unauthorized', error: 401 });
    const fault = faults.take(raw);
    if (fault?.status === 429)
      return sendFakeJson(
        res,
        429,
        { message: 'Too Many Requests', error: 429 },
        {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(fault.retryAfter),
        },
      );
    if (fault) return sendFakeJson(res, 200, wireSample('reddit', 'submit_errors.json'));
    const errors: string[][] = [];
    if (form.get('api_type') !== 'json') return sendFakeJson(res, 200, { jquery: [] });
    if (form.get('sr') !== options.subreddit)
      errors.push(
        ...(wireSample('reddit', 'submit_error_subreddit.json') as { json: { errors: string[][] } }).json.errors,
      );
    if (form.get('kind') !== 'self') errors.push(['INVALID_OPTION', 'that option is not valid', 'kind']);
    const title = form.get('title') ?? '';
    if (!title) errors.push(['NO_TEXT', 'we need something here', 'title']);
    if ([...title].length > TITLE_MAX) errors.push(['TOO_LONG', `this is too long (max: ${TITLE_MAX})`, 'title']);
    if (errors.length > 0) return sendFakeJson(res, 200, { json: { errors } });
    const id = randomBytes(4).toString('hex').slice(0, 7);
    const slug = title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .slice(0, 50);
    const url = `https://www.reddit.com/r/${options.subreddit}/comments/${id}/${slug}/`;
    const post = { name: `t3_${id}`, subreddit: options.subreddit, title, text: form.get('text') ?? '' };
    posts.push({ ...post, userAgent: String(req.headers['user-agent'] ?? '') });
    sendFakeJson(res, 200, { json: { errors: [], data: { url, drafts_count: 0, id, name: post.name } } });
  }

  async function handle(req: IncomingMessage, res: ServerResponse, path: string) {
    if (path === '/__fake/posts') return sendFakeJson(res, 200, posts);
    if (path === '/__fake/grants') return sendFakeJson(res, 200, { grants });
    const raw = String(await readFakeBody(req, 'text'));
    if (path === '/__fake/faults') return sendFakeJson(res, 201, { pending: faults.add(JSON.parse(raw)) });
    if (path === '/__fake/revoke') {
      tokens.clear();
      return sendFakeJson(res, 200, { revoked: true });
    }
    // Reddit blocks requests without a User-Agent before looking at anything else.
    if (!req.headers['user-agent']) return sendFakeJson(res, 429, { message: 'Too Many Requests', error: 429 });
    if (req.method !== 'POST') return sendFakeJson(res, 404, { message: 'Not Found', error: 404 });
    const form = new URLSearchParams(raw);
    if (path === '/api/v1/access_token') return accessToken(req, res, form);
    if (path === '/api/submit') return submit(req, res, form, raw);
    sendFakeJson(res, 404, { message: 'Not Found', error: 404 });
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    handle(req, res, path).catch(() => sendFakeJson(res, 400, { message: 'Bad Request', error: 400 }));
  });
  const port = await listenLoopback(server, options.port);
  return { url: `http://${LOOPBACK_HOST}:${port}`, posts: () => [...posts], close: () => closeServer(server) };
}
