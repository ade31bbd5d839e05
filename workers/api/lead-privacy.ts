import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { erasePersonalData, exportPersonalData, type PersonalDataStores } from '../../src/crm/data-subject';
import type { AppEnv } from '../http/app-env';
import { auditNote } from '../http/audit';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { errorResponses, jsonResponse } from '../http/responses';
import { LeadDataExportSchema, LeadErasureSchema } from './schemas/privacy';

const ownerOnly = requireRole('owner');
const leadId = z.object({ id: z.uuid() });

function stores(c: Context<AppEnv>): PersonalDataStores {
  const { services } = c.var;
  const postgres = services.postgres();
  return {
    d1: services.d1,
    postgres: postgres ? () => postgres.db : undefined,
    memory: services.memory,
    redis: services.redis,
  };
}

/** A data subject's requests: a copy of everything held on them, and erasure. The owner's to answer. */
export const leadPrivacyRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/crm/leads/{id}/export',
      middleware: [ownerOnly] as const,
      summary: 'Everything held on a lead, in every store, for an access request (owner)',
      request: { params: leadId },
      responses: { 200: jsonResponse(LeadDataExportSchema, 'The lead and all its records'), ...errorResponses },
    }),
    async (c) => {
      const data = await exportPersonalData(stores(c), c.req.valid('param').id);
      if (!data) throw new AppError('not_found', 'No such lead');
      return c.json(data, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api/crm/leads/{id}',
      middleware: [ownerOnly] as const,
      summary: 'Erase a lead from every store (owner); its address is kept only as a hash, never mailed again',
      request: { params: leadId },
      responses: { 200: jsonResponse(LeadErasureSchema, 'What was removed'), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const removed = await erasePersonalData(stores(c), id, Date.now());
      if (!removed) throw new AppError('not_found', 'No such lead');
      // The audit entry keeps the counts, never who the person was.
      const { postgres, ...counts } = removed;
      auditNote(c, { target: { type: 'leads', id }, details: { erased: true, ...counts, ...(postgres ?? {}) } });
      return c.json({ erased: true as const, id, removed }, 200);
    },
  );
