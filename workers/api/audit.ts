import { createRoute, z } from '@hono/zod-openapi';
import { type AuditRow, queryAudit } from '../../src/audit/postgres-audit';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { errorResponses, jsonResponse } from '../http/responses';
import { AuditPageSchema } from './schemas/operations';

const printable = /^[\w.:*+ /{}@-]+$/;
const auditQuery = z.object({
  actor: z
    .string()
    .regex(/^[\w.:+@-]{1,128}$/)
    .optional()
    .describe('A client id (key-…, dev-owner, telegram, an agent) or a key prefix (emp_…)'),
  action: z
    .string()
    .max(200)
    .regex(printable)
    .optional()
    .describe('An exact action (`POST /api/crm/leads/:id`, `agent.turn`) or a prefix ending in `*` (`agent.*`)'),
  target: z.string().max(270).regex(printable).optional().describe('A target type (`leads`) or `type:id`'),
  from: z.iso.datetime({ offset: true }).optional().describe('Entries at or after this UTC time'),
  to: z.iso.datetime({ offset: true }).optional().describe('Entries before this UTC time'),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional()
    .describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

function present(row: AuditRow) {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { kind: row.actorKind, id: row.actorId, role: row.actorRole, keyPrefix: row.actorKeyPrefix },
    action: row.action,
    target: row.targetType ? { type: row.targetType, id: row.targetId } : null,
    outcome: row.outcome,
    status: row.status,
    costMicros: row.costMicros,
    requestId: row.requestId,
    details: row.details,
  };
}

export const auditRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/api/audit',
    middleware: [requireRole('owner')] as const,
    summary: 'The audit log, newest first (owner only): every state-changing call and every agent action',
    description:
      'Actors are shown by client id and key prefix only; details are redacted. The OpenAI-compatible gateway is in /api/spend, not here.',
    request: { query: auditQuery },
    responses: { 200: jsonResponse(AuditPageSchema, 'A page of entries with nextCursor'), ...errorResponses },
  }),
  async (c) => {
    const postgres = c.var.services.postgres();
    if (!postgres) throw new AppError('unavailable', 'The audit log needs Postgres (DATABASE_URL)');
    const query = c.req.valid('query');
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from >= to) throw new AppError('invalid_request', 'from must be before to');
    const page = await queryAudit(postgres.db, {
      actor: query.actor,
      action: query.action,
      target: query.target,
      from,
      to,
      before: query.cursor === undefined ? undefined : Number(query.cursor),
      limit: query.limit,
    });
    return c.json(
      { items: page.rows.map(present), nextCursor: page.next === undefined ? null : String(page.next) },
      200,
    );
  },
);
