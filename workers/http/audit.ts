import type { Context, MiddlewareHandler } from 'hono';
import type { AuditInput, AuditNote } from '../../src/audit/entry';
import { looksLikeJwt } from '../../src/auth/jwt';
import type { Principal } from '../../src/auth/principal';
import type { AppEnv } from './app-env';
import { routePattern } from './route-pattern';

export function auditNote(c: Context<AppEnv>, note: AuditNote): void {
  const earlier = c.get('auditNote');
  c.set('auditNote', { ...earlier, ...note, details: { ...earlier?.details, ...note.details } });
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Every gateway completion is already a spend-ledger row with its request id, client, model and
// cost; an audit row per call would double the writes on the busiest route and add nothing.
const NOT_AUDITED = new Set(['/v1/chat/completions']);

/** `/api/crm/leads/:id/score` -> leads + the id; `/api/budget` -> budget. */
function targetOf(route: string, params: Record<string, string>): AuditNote['target'] {
  const segments = route.split('/').filter(Boolean);
  const firstParam = segments.findIndex((segment) => segment.startsWith(':'));
  const named = (firstParam < 0 ? segments : segments.slice(0, firstParam)).filter((s) => s !== 'api' && s !== 'v1');
  const type = named.at(-1) ?? 'root';
  const param = firstParam < 0 ? undefined : segments[firstParam]?.slice(1).replace(/\{.*$/, '');
  const id = param ? params[param] : undefined;
  return id ? { type, id } : { type };
}

function principalActor(principal: Principal, authorization: string | undefined): AuditInput['actor'] {
  const credential = authorization?.replace(/^Bearer\s+/i, '') ?? '';
  return {
    kind: looksLikeJwt(credential) ? 'jwt' : 'api_key',
    id: principal.clientId,
    role: principal.role,
    keyPrefix: principal.keyPrefix,
  };
}

const outcomeOf = (status: number) => (status < 400 ? 'ok' : status >= 500 ? 'failed' : 'refused');

/**
 * One audit entry per state-changing call, kept in D1 before the response and sent on through
 * the services' queued writer. It names the method and route pattern, never the body. Calls that failed before
 * anyone was known (no principal, no proven webhook) stay in the access log and metrics only:
 * anyone could otherwise fill the table.
 */
export function auditStateChanges(): MiddlewareHandler<AppEnv> {
  return async function auditStateChanges(c, next) {
    await next();
    recordStateChange(c);
    // Whatever this request recorded, here or in a handler, is kept before the response goes.
    await c.get('services').audit.keep();
  };
}

function recordStateChange(c: Context<AppEnv>): void {
  if (!STATE_CHANGING.has(c.req.method)) return;
  const route = routePattern(c);
  if (!route || NOT_AUDITED.has(route)) return;
  const note = c.get('auditNote');
  const principal = c.get('principal') as Principal | undefined;
  const actor = note?.actor ?? (principal ? principalActor(principal, c.req.header('Authorization')) : undefined);
  if (!actor) return;
  const status = c.res.status;
  // Refused by the rate limiter before anything ran: a flood of calls must not become a flood of rows.
  if (status === 429) return;
  c.get('services').audit.record({
    actor,
    action: `${c.req.method} ${route}`,
    target: note?.target ?? targetOf(route, c.req.param() as Record<string, string>),
    outcome: outcomeOf(status),
    status,
    costMicros: c.get('services').requestCostMicros(),
    requestId: c.get('requestId'),
    details: note?.details,
  });
}
