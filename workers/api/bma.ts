import { createRoute, z } from '@hono/zod-openapi';
import { auditInputSchema } from '../../src/bma/audit-input';
import { createAudit, findAudit } from '../../src/bma/audit-store';
import { rankKnowledge } from '../../src/bma/knowledge-ranking';
import { categories } from '../../src/bma/knowledge-schema';
import { reportHtml, reportMarkdown } from '../../src/bma/report';
import { refuseOverBudget } from '../../src/llm/over-budget-policy';
import { businessReader, requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { errorResponses, jsonResponse } from '../http/responses';
import { AuditSchema, KnowledgeSchema, NewAuditSchema } from './schemas/bma';

const reader = requireRole('owner', 'operator', 'readonly');
const writer = requireRole('owner', 'operator');

const idParam = z.object({ id: z.uuid() });
const knowledgeQuery = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe(
      'Ranks items by meaning through long-term memory (by keywords without it); without q every item is listed',
    ),
  category: z.enum(categories).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});
const text = (type: string, description: string) => ({ description, content: { [type]: { schema: z.string() } } });

export const bmaRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/bma/knowledge',
      middleware: [reader] as const,
      summary: 'The BMA checklist items and norms, ranked by meaning (or keywords without memory) when q is given',
      request: { query: knowledgeQuery },
      responses: {
        200: jsonResponse(KnowledgeSchema, 'Items (with a score when searched) and the norms'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const knowledge = await rankKnowledge(c.var.services.memory, c.req.valid('query'), (error) =>
        c.var.log.warn('knowledge search by meaning failed; ranked by keywords', { error: String(error) }),
      );
      return c.json(knowledge, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/bma/audits',
      middleware: [writer] as const,
      summary:
        'Audit a site: the checklist that applies to it, the findings mapped onto it, and optimisation suggestions',
      request: { body: { content: { 'application/json': { schema: auditInputSchema } }, required: true } },
      responses: {
        201: jsonResponse(NewAuditSchema, 'The audit with its checklist, mapped findings and suggestions'),
        ...errorResponses,
      },
    }),
    async (c) => {
      // A refused call (over budget) is not queued: the rule-based summary stands.
      const llm = () => c.var.services.llm(refuseOverBudget);
      const { row, result, wording, costMicros } = await createAudit(c.var.services.d1, llm, c.req.valid('json'), {
        clientId: c.var.principal.clientId,
        requestId: c.var.requestId,
      });
      const links = { markdown: `/api/bma/audits/${row.id}/report.md`, html: `/api/bma/audits/${row.id}/report.html` };
      return c.json(
        { id: row.id, ...result, wording, costMicros, report: links, createdAt: new Date(row.createdAt).toISOString() },
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/bma/audits/{id}',
      middleware: [businessReader] as const,
      summary: 'An audit',
      request: { params: idParam },
      responses: { 200: jsonResponse(AuditSchema, 'The audit'), ...errorResponses },
    }),
    async (c) => {
      const row = await findAudit(c.var.services.d1, c.req.valid('param').id);
      return c.json(
        {
          id: row.id,
          customer: row.customer,
          engagementId: row.engagementId,
          ...row.result,
          createdAt: new Date(row.createdAt).toISOString(),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/bma/audits/{id}/report.md',
      middleware: [businessReader] as const,
      summary: 'The audit report as markdown',
      request: { params: idParam },
      responses: { 200: text('text/markdown', 'The report'), ...errorResponses },
    }),
    async (c) => {
      const row = await findAudit(c.var.services.d1, c.req.valid('param').id);
      const body = reportMarkdown(row.result, {
        id: row.id,
        customer: row.customer ?? undefined,
        createdAt: row.createdAt,
      });
      return c.body(body, 200, { 'Content-Type': 'text/markdown; charset=utf-8' });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/bma/audits/{id}/report.html',
      middleware: [businessReader] as const,
      summary: 'The audit report as print-ready HTML (A4 print stylesheet)',
      request: { params: idParam },
      responses: { 200: text('text/html', 'The report'), ...errorResponses },
    }),
    async (c) => {
      const row = await findAudit(c.var.services.d1, c.req.valid('param').id);
      c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
      return c.html(
        reportHtml(row.result, { id: row.id, customer: row.customer ?? undefined, createdAt: row.createdAt }),
        200,
      );
    },
  );
