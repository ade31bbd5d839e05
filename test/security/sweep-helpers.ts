import { env } from 'cloudflare:workers';
import { resendHeaders, sendgridHeaders } from '../helpers/email-webhook-signing';
import { workerFetch } from '../helpers/fetch';
import { ownerKey } from '../helpers/keys';
import { exampleOf, type RouteSpec } from './route-catalogue';

export interface SweepContext {
  leadId: string;
  jwt: string;
}

/** Ids that exist, where a route needs one to reach its body handling; anything else gets a fresh value. */
function knownParam(route: RouteSpec, name: string, context: SweepContext): string {
  // Erasure takes no body: it gets an unknown lead, so the sweep's own lead survives it.
  if (route.method === 'DELETE' && route.path === '/api/crm/leads/{id}') return crypto.randomUUID();
  if (route.path.startsWith('/api/crm/leads/{id}')) return context.leadId;
  if (route.path.startsWith('/api/tasks/{name}')) return 'sweep_task';
  if (name === 'agent') return 'hands';
  const schema = route.parameters.find((p) => p.name === name)?.schema;
  if (schema?.format === 'uuid') return crypto.randomUUID();
  return 'sweep_x';
}

/** The route's path with each parameter filled, `raw` values inserted as they are (already encoded). */
export function pathOf(route: RouteSpec, context: SweepContext, raw: Record<string, string> = {}): string {
  return route.path.replace(
    /\{(\w+)\}/g,
    (_m, name: string) => raw[name] ?? encodeURIComponent(knownParam(route, name, context)),
  );
}

/** A body the route accepts as it is, so a hostile value in one field is the only thing wrong. */
export function validBody(route: RouteSpec): unknown {
  const unique = crypto.randomUUID().slice(0, 8);
  if (route.method === 'POST' && route.path === '/api/crm/leads')
    return { name: 'Sweep Lead', email: `sweep-${unique}@example.com` };
  if (route.method === 'POST' && route.path === '/api/action') return { action: 'resume', agent: 'hands', input: 'x' };
  if (route.path === '/v1/chat/completions')
    return { model: 'auto:simple', messages: [{ role: 'user', content: `sweep ${unique}` }], max_tokens: 16 };
  return route.body ? exampleOf(route.body.schema) : {};
}

const isSocket = (route: RouteSpec) => route.path.startsWith('/ws');

async function githubSignature(body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(env.GITHUB_WEBHOOK_SECRET),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(body)));
  return `sha256=${[...mac].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

export interface SweepRequest {
  path?: string;
  query?: string;
  body?: BodyInit;
  contentType?: string;
  headers?: Record<string, string>;
}

/**
 * Sends a request the way a legitimate caller of the route would (owner key, the webhook's secret
 * or signature, a JWT for sockets), so the attack reaches the route's own handling.
 */
export async function send(route: RouteSpec, context: SweepContext, request: SweepRequest = {}): Promise<Response> {
  const headers: Record<string, string> = { ...request.headers };
  if (isSocket(route)) headers['x-sweep'] = '1';
  else headers.authorization = `Bearer ${ownerKey}`;
  if (request.contentType) headers['content-type'] = request.contentType;
  if (route.path === '/telegram/webhook') headers['x-telegram-bot-api-secret-token'] = env.TELEGRAM_WEBHOOK_SECRET;
  if (route.path === '/webhooks/github') {
    headers['x-github-event'] = 'issue_comment';
    headers['x-github-delivery'] = crypto.randomUUID();
    if (typeof request.body === 'string') headers['x-hub-signature-256'] = await githubSignature(request.body);
  }
  if (route.path === '/webhooks/email/resend' && typeof request.body === 'string')
    Object.assign(
      headers,
      await resendHeaders(request.body),
      request.contentType ? { 'content-type': request.contentType } : {},
    );
  if (route.path === '/webhooks/email/sendgrid' && typeof request.body === 'string')
    Object.assign(
      headers,
      await sendgridHeaders(request.body),
      request.contentType ? { 'content-type': request.contentType } : {},
    );
  const query = [isSocket(route) ? `token=${context.jwt}` : '', request.query ?? ''].filter(Boolean).join('&');
  const path = request.path ?? pathOf(route, context);
  return workerFetch(`${path}${query ? `?${query}` : ''}`, { method: route.method, headers, body: request.body });
}

export interface Verdict {
  status: number;
  problem?: string;
}

/**
 * The contract every answer keeps: never a 5xx; an error is JSON in its route's error shape with
 * the response's request id; no header carries a line break or sets a cookie.
 */
export async function judge(response: Response, expected: 'client_error' | 'no_server_error'): Promise<Verdict> {
  const { status } = response;
  const text = status === 101 ? '' : await response.text();
  const fail = (problem: string) => ({ status, problem: `${status} ${problem}: ${text.slice(0, 160)}` });
  if (status >= 500) return fail('server error');
  if (expected === 'client_error' && (status < 400 || status >= 500)) return fail('expected a 4xx');
  for (const [name, value] of response.headers) {
    if (/[\r\n]/.test(value)) return fail(`header ${name} carries a line break`);
  }
  if (response.headers.has('set-cookie')) return fail('a cookie was set');
  if (status >= 400) {
    if (!/^application\/json\b/.test(response.headers.get('content-type') ?? '')) return fail('error is not JSON');
    let body: {
      type?: unknown;
      request_id?: unknown;
      error?: { code?: unknown; type?: unknown; message?: unknown; requestId?: unknown };
    };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return fail('error body does not parse');
    }
    const { error } = body;
    const requestId = response.headers.get('x-request-id');
    // /v1/messages answers in Anthropic's error shape; every other route in the house's.
    if (body.type === 'error') {
      if (typeof error?.type !== 'string' || typeof error.message !== 'string') return fail('not the error shape');
      if (body.request_id !== requestId) return fail('request_id differs from the header');
      return { status };
    }
    if (typeof error?.code !== 'string' || typeof error.message !== 'string') return fail('not the error shape');
    if (error.requestId !== requestId) return fail('requestId differs from the header');
  }
  return { status };
}
