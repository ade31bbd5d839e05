// A local stand-in for the Telegram Bot API (https://api.telegram.org/bot<token>/<method>):
// it answers in the API's envelope and records every call, for tests and `npm start`.
// `/__fake/fail` makes the next calls for one chat_id fail as Telegram does (429 with retry_after,
// 403 blocked by the user, a proxy's HTML page) or answer late, so tests side by side stay apart.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { FAKE_HEADER, readBodyText, sendFakeJson } from './fake-http.ts';
import { closeServer, LOOPBACK_HOST, listenLoopback } from './ports.ts';

export interface TelegramCall {
  token: string;
  method: string;
  body: Record<string, unknown>;
  at: string;
}

export interface FakeTelegramHandle {
  /** The apiRoot to give a Bot API client. */
  url: string;
  port: number;
  calls(): TelegramCall[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBodyText(req);
  if (!text) return {};
  const contentType = req.headers['content-type'] ?? '';
  if (contentType.includes('application/json')) return JSON.parse(text) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(text));
}

/** What the next calls for one chat answer instead of success; without errorCode, success after delayMs. */
interface Fault {
  errorCode?: number;
  description?: string;
  retryAfter?: number;
  /** Sent as it is (text/html), in place of the Bot API's envelope. */
  raw?: string;
  delayMs?: number;
  remaining: number;
}

// Telegram's own wording for the errors a bot meets most.
const DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request: chat not found',
  403: 'Forbidden: bot was blocked by the user',
  429: 'Too Many Requests: retry after 35',
  500: 'Internal Server Error',
};

function sendFault(res: ServerResponse, fault: Fault & { errorCode: number }): void {
  if (fault.raw !== undefined) {
    res.writeHead(fault.errorCode, { 'content-type': 'text/html', [FAKE_HEADER]: '1' });
    res.end(fault.raw);
    return;
  }
  const retryAfter = fault.errorCode === 429 ? (fault.retryAfter ?? 35) : fault.retryAfter;
  sendFakeJson(res, fault.errorCode, {
    ok: false,
    error_code: fault.errorCode,
    description:
      fault.description ??
      (fault.errorCode === 429 ? `Too Many Requests: retry after ${retryAfter}` : DESCRIPTIONS[fault.errorCode]) ??
      'Error',
    ...(retryAfter === undefined ? {} : { parameters: { retry_after: retryAfter } }),
  });
}

let messageId = 1000;

// The webhook each bot token registered, for getWebhookInfo.
const webhooks = new Map<string, string>();

function answer(token: string, method: string, body: Record<string, unknown>): unknown {
  if (method === 'setWebhook') webhooks.set(token, String(body.url ?? ''));
  if (method === 'getWebhookInfo')
    return { url: webhooks.get(token) ?? '', has_custom_certificate: false, pending_update_count: 0 };
  if (method === 'sendMessage') {
    messageId += 1;
    return {
      message_id: messageId,
      from: { id: 7012345678, is_bot: true, first_name: 'Empire (fake)', username: 'empire_fake_bot' },
      chat: { id: Number(body.chat_id), type: 'private' },
      date: Math.floor(Date.now() / 1000),
      text: String(body.text ?? ''),
    };
  }
  if (method === 'getMe')
    return { id: 7012345678, is_bot: true, first_name: 'Empire (fake)', username: 'empire_fake_bot' };
  return true;
}

export async function startFakeTelegram(options: { port: number }): Promise<FakeTelegramHandle> {
  const calls: TelegramCall[] = [];
  const faults = new Map<number, Fault>();
  const takeFault = (chatId: unknown): Fault | undefined => {
    const fault = faults.get(Number(chatId));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) faults.delete(Number(chatId));
    return fault;
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname === '/__fake/calls') {
      if (req.method === 'DELETE') calls.length = 0;
      sendFakeJson(res, 200, calls);
      return;
    }
    if (url.pathname === '/__fake/fail' && req.method === 'POST') {
      readBodyText(req)
        .then((text) => {
          const { chatId, times, ...fault } = JSON.parse(text) as Omit<Fault, 'remaining'> & {
            chatId: number;
            times?: number;
          };
          faults.set(chatId, { ...fault, remaining: times ?? 1 });
          sendFakeJson(res, 200, { ok: true });
        })
        .catch(() => sendFakeJson(res, 400, { error: 'body must be JSON: { chatId, errorCode?, ... }' }));
      return;
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match || req.method !== 'POST') {
      sendFakeJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return;
    }
    const [, token = '', method = ''] = match;
    readBody(req)
      .then(async (body) => {
        calls.push({ token, method, body, at: new Date().toISOString() });
        if (calls.length > 1000) calls.shift();
        const fault = takeFault(body.chat_id);
        if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
        if (fault?.errorCode !== undefined) {
          sendFault(res, { ...fault, errorCode: fault.errorCode });
          return;
        }
        if (method === 'sendMessage' && (!body.chat_id || !body.text)) {
          sendFakeJson(res, 400, { ok: false, error_code: 400, description: 'Bad Request: message text is empty' });
          return;
        }
        sendFakeJson(res, 200, { ok: true, result: answer(token, method, body) });
      })
      .catch(() => sendFakeJson(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid body' }));
  });
  const port = await listenLoopback(server, options.port);
  return { url: `http://${LOOPBACK_HOST}:${port}`, port, calls: () => [...calls], close: () => closeServer(server) };
}
