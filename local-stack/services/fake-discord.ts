// A local stand-in for a Discord channel webhook (`/api/webhooks/{id}/{token}`), answering as the
// samples in test/fixtures/discord: Execute Webhook checks the token and the 2000-character
// content limit, answers 204 without `wait=true` and the created message with it; Get Webhook
// returns the webhook. Admin routes under /__fake/: list messages, queue a fault (a 429 carries
// `retry_after`).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { faultQueue, wireSample } from './fake-faults.ts';
import { readFakeBody, sendFakeJson } from './fake-http.ts';
import { closeServer, LOOPBACK_HOST, listenLoopback } from './ports.ts';

export interface FakeDiscordMessage {
  id: string;
  content: string;
  allowedMentions: unknown;
}

export interface FakeDiscordHandle {
  /** The webhook URL to configure as DISCORD_WEBHOOK_URL. */
  webhookUrl: string;
  url: string;
  messages(): FakeDiscordMessage[];
  close(): Promise<void>;
}

const WEBHOOK_ID = '1151234567890123456';
const CONTENT_MAX = 2_000;

export async function startFakeDiscord(options: { port: number; token: string }): Promise<FakeDiscordHandle> {
  const messages: FakeDiscordMessage[] = [];
  const faults = faultQueue();
  let nextId = 1_181_234_567_890_123_456n;
  const webhookPath = `/api/webhooks/${WEBHOOK_ID}/${options.token}`;

  async function api(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (url.pathname !== webhookPath)
      return sendFakeJson(res, 404, wireSample('discord', 'error_404_unknown_webhook.json'));
    const webhook = wireSample('discord', 'get_webhook_response.json');
    if (req.method === 'GET') return sendFakeJson(res, 200, { ...webhook, token: options.token });
    if (req.method !== 'POST') return sendFakeJson(res, 405, { message: '405: Method Not Allowed', code: 0 });
    const raw = String(await readFakeBody(req, 'text'));
    const fault = faults.take(raw);
    if (fault?.status === 429) {
      const body = { ...wireSample('discord', 'error_429_rate_limited.json'), retry_after: fault.retryAfter };
      return sendFakeJson(res, 429, body, { 'retry-after': String(Math.ceil(fault.retryAfter)) });
    }
    if (fault) return sendFakeJson(res, fault.status, { message: 'Internal Server Error', code: 0 });
    let body: { content?: unknown; allowed_mentions?: unknown };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return sendFakeJson(res, 400, { message: 'The request body contains invalid JSON.', code: 50109 });
    }
    if (typeof body.content !== 'string' || body.content.length === 0)
      return sendFakeJson(res, 400, { message: 'Cannot send an empty message', code: 50006 });
    // Discord counts the limit in UTF-16 code units, as String#length does.
    if (body.content.length > CONTENT_MAX)
      return sendFakeJson(res, 400, wireSample('discord', 'error_400_content_too_long.json'));
    nextId += 4_096n;
    const id = nextId.toString();
    messages.push({ id, content: body.content, allowedMentions: body.allowed_mentions });
    if (url.searchParams.get('wait') !== 'true') {
      res.writeHead(204, { 'x-empire-fake': '1' });
      return res.end();
    }
    const template = wireSample('discord', 'execute_webhook_response.json');
    sendFakeJson(res, 200, { ...template, id, content: body.content, timestamp: new Date().toISOString() });
  }

  async function admin(req: IncomingMessage, res: ServerResponse, path: string) {
    if (path === '/__fake/messages') return sendFakeJson(res, 200, messages);
    if (path === '/__fake/faults')
      return sendFakeJson(res, 201, { pending: faults.add((await readFakeBody(req)) as Record<string, unknown>) });
    sendFakeJson(res, 404, { message: '404: Not Found', code: 0 });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const handle = url.pathname.startsWith('/__fake/') ? admin(req, res, url.pathname) : api(req, res, url);
    handle.catch(() => sendFakeJson(res, 400, { message: '400: Bad Request', code: 0 }));
  });
  const port = await listenLoopback(server, options.port);
  const url = `http://${LOOPBACK_HOST}:${port}`;
  return { url, webhookUrl: `${url}${webhookPath}`, messages: () => [...messages], close: () => closeServer(server) };
}
