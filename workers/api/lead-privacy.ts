import { createRoute, z } from '@hono/zod-openapi';
import { eraseLeadData, exportLeadData } from '../../src/crm/lead-privacy';
import { auditNote } from '../http/audit';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { errorResponses, jsonResponse } from '../http/responses';
import { LeadDataExportSchema, LeadErasureSchema } from './schemas/privacy';

const ownerOnly = requireRole('owner');
const leadId = z.object({ id: z.uuid() });

/** A data subject's requests: a copy of everything held on them, and erasure. The owner's to answer. */
export const leadPrivacyRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/crm/leads/{id}/data',
      middleware: [ownerOnly] as const,
      summary: 'Everything held on a lead, for an access request (owner)',
      request: { params: leadId },
      responses: { 200: jsonResponse(LeadDataExportSchema, 'The lead and all its records'), ...errorResponses },
    }),
    async (c) => {
      const data = await exportLeadData(c.var.services.d1, c.req.valid('param').id);
      if (!data) throw new AppError('not_found', 'No such lead');
      return c.json(data, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/crm/leads/{id}/erase',
      middleware: [ownerOnly] as const,
      summary: 'Erase a lead and its records (owner); purchases stay for the books without the address',
      request: { params: leadId },
      responses: { 200: jsonResponse(LeadErasureSchema, 'What was removed'), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const removed = await eraseLeadData(c.var.services.d1, id);
      if (!removed) throw new AppError('not_found', 'No such lead');
      // The audit entry keeps the counts, never who the person was.
      auditNote(c, { target: { type: 'leads', id }, details: { erased: true, ...removed } });
      return c.json({ erased: true as const, id, removed }, 200);
    },
  );
