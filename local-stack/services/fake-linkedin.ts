// A local stand-in for LinkedIn's versioned Posts API (`POST /rest/posts`), answering as the
// samples in test/fixtures/linkedin: it refuses a missing or sunset LinkedIn-Version, a missing
// X-Restli-Protocol-Version, a wrong or expired token, and a malformed post; a created post is
// 201 with its URN in x-restli-id and no body. Admin routes under /__fake/: list posts, queue a
// fault, expire the token.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { faultQueue, wireSample } from './fake-faults.ts';
import { readFakeBody, sendFakeJson } from './fake-http.ts';
import { closeServer, LOOPBACK_HOST, listenLoopback } from './ports.ts';

export interface FakeLinkedinPost {
  id: string;
  author: string;
  commentary: string;
  version: string;
}

export interface FakeLinkedinHandle {
  url: string;
  port: number;
  posts(): FakeLinkedinPost[];
  close(): Promise<void>;
}

// The oldest version the fake still serves; LinkedIn sunsets each version after about a year.
const OLDEST_ACTIVE_VERSION = 202512;
const COMMENTARY_MAX = 3_000;

const error = (status: number, message: string, code?: string) => ({ status, message, ...(code ? { code } : {}) });

function versionProblem(req: IncomingMessage) {
  const version = String(req.headers['linkedin-version'] ?? '');
  if (!version) return wireSample('linkedin', 'error_400_version_missing.json');
  const month = /^(\d{6})(\.\d{2})?$/.exec(version)?.[1];
  if (!month || Number(month) < OLDEST_ACTIVE_VERSION)
    return error(426, `Requested version ${version} is not active`, 'NONEXISTENT_VERSION');
  if (req.headers['x-restli-protocol-version'] !== '2.0.0')
    return error(400, 'X-Restli-Protocol-Version 2.0.0 is required for this resource', 'ILLEGAL_ARGUMENT');
  return undefined;
}

function postProblem(body: Record<string, unknown>): string | undefined {
  if (typeof body.author !== 'string' || !/^urn:li:(person|organization):[\w-]+$/.test(body.author))
    return '/author: is not a valid person or organization URN';
  if (typeof body.commentary !== 'string') return '/commentary: field is required';
  if ([...body.commentary].length > COMMENTARY_MAX) return `/commentary: length exceeds ${COMMENTARY_MAX}`;
  if (!['PUBLIC', 'CONNECTIONS', 'LOGGED_IN'].includes(String(body.visibility))) return '/visibility: invalid value';
  const distribution = body.distribution as { feedDistribution?: unknown } | undefined;
  if (!['MAIN_FEED', 'NONE'].includes(String(distribution?.feedDistribution)))
    return '/distribution/feedDistribution: field is required';
  if (body.lifecycleState !== 'PUBLISHED') return '/lifecycleState: must be PUBLISHED';
  return undefined;
}

export async function startFakeLinkedin(options: { port: number; token: string }): Promise<FakeLinkedinHandle> {
  const posts: FakeLinkedinPost[] = [];
  const faults = faultQueue();
  let expired = false;
  let nextId = 7_270_000_000_000_000_000n;

  async function api(req: IncomingMessage, res: ServerResponse, path: string) {
    if (path !== '/rest/posts' || req.method !== 'POST') return sendFakeJson(res, 404, error(404, 'Not Found'));
    if (req.headers.authorization !== `Bearer ${options.token}`)
      return sendFakeJson(res, 401, { serviceErrorCode: 65600, message: 'Invalid access token', status: 401 });
    if (expired) return sendFakeJson(res, 401, wireSample('linkedin', 'error_401_expired.json'));
    const refused = versionProblem(req);
    if (refused) return sendFakeJson(res, Number(refused.status), refused);
    const raw = String(await readFakeBody(req, 'text'));
    const fault = faults.take(raw);
    if (fault?.status === 429) return sendFakeJson(res, 429, wireSample('linkedin', 'error_429_throttled.json'));
    if (fault) return sendFakeJson(res, fault.status, error(fault.status, 'Internal Server Error'));
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return sendFakeJson(res, 400, error(400, 'Unable to parse the request body', 'ILLEGAL_ARGUMENT'));
    }
    const problem = postProblem(body);
    if (problem) return sendFakeJson(res, 422, error(422, `ERROR :: ${problem}`, 'UNPROCESSABLE_ENTITY'));
    nextId += 1_000n;
    const id = `urn:li:share:${nextId}`;
    const version = String(req.headers['linkedin-version']);
    posts.push({ id, author: String(body.author), commentary: String(body.commentary), version });
    res.writeHead(201, { 'x-restli-id': id, 'x-linkedin-id': id, 'x-empire-fake': '1', 'content-length': '0' });
    res.end();
  }

  async function admin(req: IncomingMessage, res: ServerResponse, path: string) {
    if (path === '/__fake/posts') return sendFakeJson(res, 200, posts);
    const spec = (await readFakeBody(req)) as Record<string, unknown>;
    if (path === '/__fake/faults') return sendFakeJson(res, 201, { pending: faults.add(spec) });
    if (path === '/__fake/token') {
      expired = spec.expired === true;
      return sendFakeJson(res, 200, { expired });
    }
    sendFakeJson(res, 404, error(404, 'Not Found'));
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const handle = path.startsWith('/__fake/') ? admin(req, res, path) : api(req, res, path);
    handle.catch(() => sendFakeJson(res, 400, error(400, 'Bad Request')));
  });
  const port = await listenLoopback(server, options.port);
  return { url: `http://${LOOPBACK_HOST}:${port}`, port, posts: () => [...posts], close: () => closeServer(server) };
}
