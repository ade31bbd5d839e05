import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { DowngradeNote, StreamEvent } from '../../src/llm/types';
import type { AppEnv } from '../http/app-env';

const scopeId = z.string().regex(/^[\w.:-]{1,64}$/, 'letters, digits and . _ : - only, at most 64');

/** The router's headers, read the same way on every gateway surface. */
export const gatewayHeaders = z.object({
  'x-empire-task-class': z.enum(['simple', 'research', 'strategic']).optional(),
  'x-empire-cache': z.enum(['0', '1']).optional(),
  'x-empire-agent': scopeId.optional(),
  'x-empire-task': scopeId.optional(),
  'x-empire-run': scopeId.optional(),
});

/** Who is calling and for what: the budget scopes and routing hints of a gateway request. */
export function requestContext(c: Context<AppEnv>, header: z.infer<typeof gatewayHeaders>) {
  return {
    requestId: c.var.requestId,
    scopes: {
      client: c.var.principal.clientId,
      agent: header['x-empire-agent'],
      task: header['x-empire-task'],
      run: header['x-empire-run'],
    },
    allowedModels: c.var.principal.allowedModels,
    taskClassHeader: header['x-empire-task-class'],
    cacheHeader: header['x-empire-cache'] === '1' ? true : undefined,
  };
}

/**
 * Says how the router chose the answering model when it was not the plan's first choice:
 * `x-empire-route: downgraded; from=<model>; reason=budget`. Takes a result or a stream's first event.
 */
export function markRoute(c: Context<AppEnv>, answer: { downgrade?: DowngradeNote } | StreamEvent | undefined): void {
  const note = answer && 'downgrade' in answer ? answer.downgrade : undefined;
  if (note) c.header('x-empire-route', `downgraded; from=${note.downgradedFrom}; reason=${note.reason}`);
}
