import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import {
  keepsAnswer,
  keptHeaders,
  MAX_KEPT_BODY_CHARS,
  rawStreamRecorder,
  type StoredAnswer,
  type StreamRecorder,
} from '../../src/idempotency/answer';
import {
  bodyHash,
  IDEMPOTENCY_HEADER,
  IN_PROGRESS_RETRY_AFTER_SECONDS,
  idempotencyKey,
} from '../../src/idempotency/key';
import { recordingStream } from '../../src/idempotency/recording-stream';
import { d1IdempotencyStore, type IdempotencyStore, type KeyScope } from '../../src/idempotency/store';
import { errorFields } from '../../src/observability/logger';
import type { AppEnv } from './app-env';
import { auditNote } from './audit';
import { AppError } from './errors';
import { routePattern } from './route-pattern';

export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** The request header schema of a route that takes a key, so the OpenAPI document describes it. */
export const idempotencyHeaders = z.object({ 'idempotency-key': idempotencyKey.optional() });

export interface IdempotencyOptions {
  /** How a streamed answer is kept for replay; by default exactly as it was sent. */
  recordStream?: () => StreamRecorder;
  /** Which first answers are kept for replay; `keepsAnswer` by default. */
  keeps?: (status: number) => boolean;
}

const details = { header: IDEMPOTENCY_HEADER };

function keyOf(c: Context<AppEnv>): string | undefined {
  const raw = c.req.header(IDEMPOTENCY_HEADER);
  if (raw === undefined) return undefined;
  const parsed = idempotencyKey.safeParse(raw);
  // The message names the rule, never the value: a key is client text and is not reflected.
  if (!parsed.success)
    throw new AppError('invalid_request', parsed.error.issues[0]?.message ?? `Invalid ${IDEMPOTENCY_HEADER}`, details);
  return parsed.data;
}

/** Runs a record write that must not fail the answer; a lost write leaves the claim to its lock. */
async function quietly(c: Context<AppEnv>, what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    if ((await work()) === false) c.var.log.warn(`idempotency record not ${what}: the claim was taken over`);
  } catch (error) {
    c.var.log.warn(`idempotency record not ${what}`, errorFields(error));
  }
}

function replay(c: Context<AppEnv>, answer: StoredAnswer): Response {
  if (answer.body === null) {
    throw new AppError(
      'conflict',
      `The first request with this ${IDEMPOTENCY_HEADER} was answered ${answer.status}, too large to keep for ` +
        'replay; it is not run again. Send a new key to run it again.',
      { ...details, status: answer.status },
    );
  }
  auditNote(c, { details: { idempotentReplay: true } });
  // The status came from an answer this same route sent.
  return c.body(answer.body, answer.status as ContentfulStatusCode, { ...answer.headers, [REPLAYED_HEADER]: 'true' });
}

interface Claimed {
  store: IdempotencyStore;
  scope: KeyScope;
  claimId: string;
}

async function keep(c: Context<AppEnv>, { store, scope, claimId }: Claimed, options: IdempotencyOptions) {
  const response = c.res;
  const release = () => quietly(c, 'released', () => store.release(scope, claimId));
  if (!(options.keeps ?? keepsAnswer)(response.status)) return release();
  const headers = keptHeaders(response.headers);
  const complete = (body: string | null) =>
    quietly(c, 'kept', () => store.complete(scope, claimId, { status: response.status, headers, body }));
  if (response.body && /^text\/event-stream\b/i.test(response.headers.get('content-type') ?? '')) {
    const recording = recordingStream(response.body, (options.recordStream ?? rawStreamRecorder)(), {
      kept: complete,
      failed: (error) => {
        c.var.log.warn('stream broke before its end; idempotency key released', errorFields(error));
        return release();
      },
    });
    c.executionCtx.waitUntil(recording.done);
    c.res = new Response(recording.stream, response);
    return;
  }
  const text = await response.clone().text();
  // Kept before the client has its answer, so a retry after it is always a replay, never a 409.
  await complete(text.length > MAX_KEPT_BODY_CHARS ? null : text);
}

/**
 * `Idempotency-Key` on a paid POST: the first request with a key runs, a repeat from the same
 * client to the same route within 24 hours gets the first answer (`Idempotent-Replayed: true`),
 * or 409 `idempotency_in_progress` with Retry-After while the first still runs, and is never
 * billed again; the key sent with another body or path is a 422. Which answers are kept is
 * `keepsAnswer`'s rule. Without the header the route runs as before. Mount after requireRole.
 */
export function idempotent(options: IdempotencyOptions = {}): MiddlewareHandler<AppEnv> {
  return async function idempotent(c, next) {
    const key = keyOf(c);
    if (key === undefined) return next();
    const store = d1IdempotencyStore(c.var.services.d1);
    const scope = { client: c.var.principal.clientId, route: `${c.req.method} ${routePattern(c) ?? c.req.path}`, key };
    const print = { path: c.req.path, bodyHash: await bodyHash(await c.req.text()) };
    const claimId = crypto.randomUUID();
    let claim: Awaited<ReturnType<IdempotencyStore['claim']>>;
    try {
      claim = await store.claim(scope, print, claimId, Date.now());
    } catch (error) {
      // Without its record the request cannot be kept from running twice, so it does not run.
      c.var.log.error('idempotency claim failed', errorFields(error));
      throw new AppError('unavailable', `${IDEMPOTENCY_HEADER} records are unavailable; retry shortly`, details, {
        'Retry-After': '5',
      });
    }
    if (claim.kind === 'mismatch') {
      throw new AppError(
        'idempotency_key_reused',
        `This ${IDEMPOTENCY_HEADER} was first used with a different request ${claim.differs}; send a new key`,
        { ...details, mismatch: claim.differs },
      );
    }
    if (claim.kind === 'running') {
      throw new AppError(
        'idempotency_in_progress',
        `The first request with this ${IDEMPOTENCY_HEADER} is still running; retry to get its answer`,
        details,
        { 'Retry-After': String(IN_PROGRESS_RETRY_AFTER_SECONDS) },
      );
    }
    if (claim.kind === 'done') return replay(c, claim.answer);
    try {
      await next();
    } catch (error) {
      // Errors are normally rendered into c.res below us; one that escapes means no answer was sent.
      await quietly(c, 'released', () => store.release(scope, claimId));
      throw error;
    }
    await keep(c, { store, scope, claimId }, options);
  };
}
