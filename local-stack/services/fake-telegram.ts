// A local stand-in for the Telegram Bot API (https://api.telegram.org/bot<token>/<method>):
// it answers in the API's envelope and records every call, for tests and `npm start`.
import { createServer, type IncomingMessage } from 'node:http';
import { readBodyText, sendFakeJson } from './fake-http.ts';
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

let messageId = 1000;

function answer(method: string, body: Record<string, unknown>): unknown {
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
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname === '/__fake/calls') {
      if (req.method === 'DELETE') calls.length = 0;
      sendFakeJson(res, 200, calls);
      return;
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match || req.method !== 'POST') {
      sendFakeJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return;
    }
    const [, token = '', method = ''] = match;
    readBody(req)
      .then((body) => {
        calls.push({ token, method, body, at: new Date().toISOString() });
        if (calls.length > 1000) calls.shift();
        if (method === 'sendMessage' && (!body.chat_id || !body.text)) {
          sendFakeJson(res, 400, { ok: false, error_code: 400, description: 'Bad Request: message text is empty' });
          return;
        }
        sendFakeJson(res, 200, { ok: true, result: answer(method, body) });
      })
      .catch(() => sendFakeJson(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid body' }));
  });
  const port = await listenLoopback(server, options.port);
  return { url: `http://${LOOPBACK_HOST}:${port}`, port, calls: () => [...calls], close: () => closeServer(server) };
}
