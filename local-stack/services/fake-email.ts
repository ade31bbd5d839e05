// A local stand-in for the Resend (`POST /emails`) and SendGrid (`POST /v3/mail/send`) APIs:
// it checks requests as the real ones do, answers in their shapes and records every accepted
// message. `/__fake/messages` lists them; `/__fake/fail` makes the next sends to one
// recipient answer an error (e.g. 429), so tests running side by side do not disturb each other.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { checkResend, checkSendgrid, type Problem, recipientsOf } from './fake-email-checks.ts';
import { FAKE_HEADER, readBodyText, sendFakeJson } from './fake-http.ts';
import { closeServer, LOOPBACK_HOST, listenLoopback } from './ports.ts';

export interface FakeEmailMessage {
  provider: 'resend' | 'sendgrid';
  id: string;
  to: string[];
  body: Record<string, unknown>;
  idempotencyKey?: string;
  at: string;
}

interface Fault {
  status: number;
  remaining: number;
}

export interface FakeEmailHandle {
  url: string;
  port: number;
  messages(): FakeEmailMessage[];
  close(): Promise<void>;
}

const MAX_BODY = 2 * 1024 * 1024;

function resendError(res: ServerResponse, status: number, name: string, message: string): void {
  sendFakeJson(res, status, { statusCode: status, name, message }, status === 429 ? { 'retry-after': '1' } : {});
}

function sendgridError(res: ServerResponse, status: number, problem: Problem): void {
  sendFakeJson(res, status, { errors: [{ message: problem.message, field: problem.field ?? null, help: null }] });
}

export async function startFakeEmail(options: { port: number }): Promise<FakeEmailHandle> {
  const messages: FakeEmailMessage[] = [];
  const faults = new Map<string, Fault>();
  const idempotent = new Map<string, { body: string; id: string }>();

  const takeFault = (recipients: string[]): Fault | undefined => {
    for (const to of recipients) {
      const fault = faults.get(to);
      if (fault && fault.remaining > 0) {
        fault.remaining -= 1;
        if (fault.remaining === 0) faults.delete(to);
        return fault;
      }
    }
    return undefined;
  };

  const admin = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (url.pathname === '/__fake/messages') {
      const to = url.searchParams.get('to')?.toLowerCase();
      if (req.method === 'DELETE') messages.length = 0;
      sendFakeJson(res, 200, to ? messages.filter((message) => message.to.includes(to)) : messages);
      return;
    }
    if (url.pathname === '/__fake/fail' && req.method === 'POST') {
      const body = JSON.parse(await readBodyText(req, MAX_BODY)) as { to: string; status: number; times?: number };
      faults.set(body.to.toLowerCase(), { status: body.status, remaining: body.times ?? 1 });
      sendFakeJson(res, 200, { ok: true });
      return;
    }
    sendFakeJson(res, 404, { error: 'unknown admin path' });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname.startsWith('/__fake/')) return admin(req, res, url);
    const provider = url.pathname === '/emails' ? 'resend' : url.pathname === '/v3/mail/send' ? 'sendgrid' : undefined;
    if (!provider || req.method !== 'POST') {
      sendFakeJson(res, 404, { statusCode: 404, name: 'not_found', message: 'The requested endpoint does not exist.' });
      return;
    }
    const auth = req.headers.authorization ?? '';
    if (!/^Bearer \S{8,}$/.test(auth)) {
      if (provider === 'resend')
        resendError(res, 401, 'missing_api_key', 'Missing API key in the authorization header.');
      else sendgridError(res, 401, { message: 'The provided authorization grant is invalid, expired, or revoked' });
      return;
    }
    const text = await readBodyText(req, MAX_BODY);
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      if (provider === 'resend') resendError(res, 400, 'validation_error', 'Invalid JSON body.');
      else sendgridError(res, 400, { message: 'Bad Request', field: null });
      return;
    }
    const problem = provider === 'resend' ? checkResend(body) : checkSendgrid(body);
    if (problem) {
      if (provider === 'resend') resendError(res, 422, 'validation_error', problem.message);
      else sendgridError(res, 400, problem);
      return;
    }
    const to = recipientsOf(provider, body);
    const fault = takeFault(to);
    if (fault) {
      if (provider === 'resend') {
        const name = fault.status === 429 ? 'rate_limit_exceeded' : 'application_error';
        resendError(res, fault.status, name, fault.status === 429 ? 'Too many requests.' : 'Internal server error.');
      } else sendgridError(res, fault.status, { message: fault.status === 429 ? 'too many requests' : 'server error' });
      return;
    }
    const key = provider === 'resend' ? (req.headers['idempotency-key'] as string | undefined) : undefined;
    if (key) {
      const seen = idempotent.get(key);
      if (seen && seen.body !== text) {
        resendError(
          res,
          409,
          'invalid_idempotent_request',
          'Same idempotency key used with a different request payload.',
        );
        return;
      }
      if (seen) {
        sendFakeJson(res, 200, { id: seen.id });
        return;
      }
    }
    const id = provider === 'resend' ? randomUUID() : randomUUID().replace(/-/g, '').slice(0, 22);
    if (key) idempotent.set(key, { body: text, id });
    messages.push({ provider, id, to, body, idempotencyKey: key, at: new Date().toISOString() });
    if (messages.length > 5000) messages.shift();
    if (provider === 'resend') sendFakeJson(res, 200, { id });
    else {
      res.writeHead(202, { 'x-message-id': id, 'content-length': '0', [FAKE_HEADER]: '1' });
      res.end();
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() =>
      sendFakeJson(res, 400, { statusCode: 400, name: 'validation_error', message: 'Bad request.' }),
    );
  });
  const port = await listenLoopback(server, options.port);
  return {
    url: `http://${LOOPBACK_HOST}:${port}`,
    port,
    messages: () => [...messages],
    close: () => closeServer(server),
  };
}
