import { createRoute, z } from '@hono/zod-openapi';
import { exportLeadsCsv } from '../../src/crm/export';
import { importLeads, MAX_IMPORT_ROWS } from '../../src/crm/import';
import { matchWaitingSales } from '../../src/revenue/conversions';
import { auditNote } from '../http/audit';
import { businessReader, requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { errorResponses, jsonResponse } from '../http/responses';
import { leadFilters } from './crm';
import { ImportSummarySchema } from './schemas/crm';

const writer = requireRole('owner', 'operator');
const csv = (description: string) => ({ description, content: { 'text/csv': { schema: z.string() } } });

/**
 * Leads in and out as CSV. Mounted before crmRoutes: `/api/crm/leads/export` would otherwise
 * reach `GET /api/crm/leads/{id}` and fail its id check.
 */
export const crmTransferRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/crm/leads/export',
      middleware: [businessReader] as const,
      summary: 'Leads as CSV; cells that would start a spreadsheet formula are prefixed with an apostrophe',
      request: { query: leadFilters },
      responses: { 200: csv('The leads, one per row, with a header row'), ...errorResponses },
    }),
    async (c) => {
      const body = await exportLeadsCsv(c.var.services.d1, c.req.valid('query'));
      return c.body(body, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="leads.csv"',
      });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/crm/leads/import',
      middleware: [writer] as const,
      summary: `Import leads from CSV with a header row (name and email required), at most ${MAX_IMPORT_ROWS} rows of 8 KB`,
      description: 'Valid rows are kept; each bad row is reported by its row number (the header is row 1).',
      request: { body: { content: { 'text/csv': { schema: z.string() } }, required: true } },
      responses: { 200: jsonResponse(ImportSummarySchema, 'Created rows and per-row errors'), ...errorResponses },
    }),
    async (c) => {
      if (!/^text\/csv\b/i.test(c.req.header('content-type') ?? ''))
        throw new AppError('unsupported_media_type', 'Send the file as text/csv');
      const now = Date.now();
      const outcome = await importLeads(c.var.services.d1, await c.req.text(), c.var.principal.clientId, now);
      if (!outcome.ok) throw new AppError(outcome.tooMany ? 'payload_too_large' : 'invalid_request', outcome.message);
      if (outcome.summary.created.length > 0)
        await matchWaitingSales(c.var.services.d1, { actor: c.var.principal.clientId, now });
      auditNote(c, { details: { created: outcome.summary.created, errors: outcome.summary.errors.length } });
      return c.json(outcome.summary, 200);
    },
  );
