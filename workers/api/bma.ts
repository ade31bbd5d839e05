import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { runAudit } from '../../src/bma/audit';
import { auditInputSchema } from '../../src/bma/audit-input';
import { findEngagement } from '../../src/bma/engagements';
import { type KnowledgeHit, knowledgeBase, searchKnowledge } from '../../src/bma/knowledge';
import { searchKnowledgeByMeaning } from '../../src/bma/knowledge-memory';
import type { KnowledgeItem } from '../../src/bma/knowledge-schema';
import { categories } from '../../src/bma/knowledge-schema';
import { reportHtml, reportMarkdown } from '../../src/bma/report';
import { wordSummary } from '../../src/bma/wording';
import { bmaAudits } from '../../src/db/bma-schema';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
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

async function auditOr404(db: Parameters<typeof findEngagement>[0], id: string) {
  const row = await db.select().from(bmaAudits).where(eq(bmaAudits.id, id)).get();
  if (!row) throw new AppError('not_found', 'No such audit');
  return row;
}

/** By meaning through long-term memory when it is there and answers; by keywords otherwise. */
async function rankKnowledge(
  memory: Parameters<typeof searchKnowledgeByMeaning>[0] | undefined,
  q: string,
  items: KnowledgeItem[],
  limit: number,
  onFailure: (error: unknown) => void,
): Promise<{ ranked: KnowledgeHit[]; search: 'memory' | 'keywords' }> {
  if (memory) {
    try {
      return { ranked: await searchKnowledgeByMeaning(memory, q, { items, limit }), search: 'memory' };
    } catch (error) {
      onFailure(error);
    }
  }
  return { ranked: searchKnowledge(q, { items, limit }), search: 'keywords' };
}

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
      const { q, category, limit } = c.req.valid('query');
      const base = knowledgeBase();
      const items = base.items.filter((item) => !category || item.category === category);
      const { ranked, search } = q
        ? await rankKnowledge(c.var.services.memory, q, items, limit, (error) =>
            c.var.log.warn('knowledge search by meaning failed; ranked by keywords', { error: String(error) }),
          )
        : { ranked: items.slice(0, limit).map((item) => ({ item, score: 0 })), search: undefined };
      return c.json(
        {
          items: ranked.map(({ item, score }) => ({ ...item, ...(q ? { score } : {}) })),
          norms: base.norms,
          ...(search ? { search } : {}),
        },
        200,
      );
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
      const input = c.req.valid('json');
      const db = c.var.services.d1;
      if (input.engagementId && !(await findEngagement(db, input.engagementId))) {
        throw new AppError('invalid_request', 'No such engagement', { field: 'engagementId' });
      }
      const result = runAudit(input.site, input.findings, knowledgeBase().items);
      let costMicros = 0;
      let wording: { source: 'rules' | 'llm'; fallback?: string } = { source: 'rules' };
      if (input.wording === 'llm') {
        // A refused call (over budget) is not queued: the rule-based summary stands.
        const llm = c.var.services.llm({ defer: async () => 'not-deferred' });
        const worded = await wordSummary(llm, result, c.var.requestId, c.var.principal.clientId);
        if (worded.ok) {
          result.summary = worded.summary;
          costMicros = worded.costMicros;
          wording = { source: 'llm' };
        } else wording = { source: 'rules', fallback: worded.reason };
      }
      const row = await db
        .insert(bmaAudits)
        .values({
          id: crypto.randomUUID(),
          customer: input.customer ?? null,
          engagementId: input.engagementId ?? null,
          site: input.site,
          findings: input.findings,
          result,
          wording: wording.source,
          costMicros,
          createdBy: c.var.principal.clientId,
          createdAt: Date.now(),
        })
        .returning()
        .get();
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
      middleware: [reader] as const,
      summary: 'An audit',
      request: { params: idParam },
      responses: { 200: jsonResponse(AuditSchema, 'The audit'), ...errorResponses },
    }),
    async (c) => {
      const row = await auditOr404(c.var.services.d1, c.req.valid('param').id);
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
      middleware: [reader] as const,
      summary: 'The audit report as markdown',
      request: { params: idParam },
      responses: { 200: text('text/markdown', 'The report'), ...errorResponses },
    }),
    async (c) => {
      const row = await auditOr404(c.var.services.d1, c.req.valid('param').id);
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
      middleware: [reader] as const,
      summary: 'The audit report as print-ready HTML (A4 print stylesheet)',
      request: { params: idParam },
      responses: { 200: text('text/html', 'The report'), ...errorResponses },
    }),
    async (c) => {
      const row = await auditOr404(c.var.services.d1, c.req.valid('param').id);
      c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
      return c.html(
        reportHtml(row.result, { id: row.id, customer: row.customer ?? undefined, createdAt: row.createdAt }),
        200,
      );
    },
  );
