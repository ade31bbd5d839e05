import { createRoute, z } from '@hono/zod-openapi';
import { conversionReport } from '../../src/revenue/conversion-report';
import { presentConversion, presentReport, presentUnmatched } from '../../src/revenue/conversion-view';
import { linkSale, listUnmatched } from '../../src/revenue/conversions';
import { businessReader, requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { ErrorSchema, errorResponses, jsonResponse } from '../http/responses';
import { ConversionReportSchema, LinkResultSchema, UnmatchedSalesSchema } from './schemas/revenue';

const DAY = 86_400_000;
const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).transform((value) => Date.parse(value));

const linkBody = z
  .object({
    leadId: z.string().trim().min(1).max(100).describe('The lead who bought'),
    relink: z.boolean().default(false).describe('Move a sale already linked to another lead'),
  })
  .strict();

export const conversionRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/revenue/unmatched',
      middleware: [businessReader] as const,
      summary: 'Paid sales no lead is matched to (no buyer e-mail, or one no lead has), newest first',
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
      responses: { 200: jsonResponse(UnmatchedSalesSchema, 'The unmatched sales'), ...errorResponses },
    }),
    async (c) => {
      const sales = await listUnmatched(c.var.services.d1, c.req.valid('query').limit);
      return c.json({ items: sales.map(presentUnmatched) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/revenue/{saleId}/link',
      middleware: [requireRole('owner', 'operator')] as const,
      summary:
        "Link a sale to the lead who bought: the lead is moved to won and the sale counts as the lead's conversion",
      description:
        'Linking again to the same lead changes nothing (200, changed: false). A sale linked to another lead is refused (409) unless relink is true. Refunded sales are not linked.',
      request: {
        params: z.object({ saleId: z.string().min(1).max(100) }),
        body: { content: { 'application/json': { schema: linkBody } }, required: true },
      },
      responses: {
        200: jsonResponse(LinkResultSchema, 'Linked, or already linked to this lead'),
        ...errorResponses,
        404: jsonResponse(ErrorSchema, 'No such sale or lead'),
        409: jsonResponse(ErrorSchema, 'Linked to another lead, or refunded'),
      },
    }),
    async (c) => {
      const { leadId, relink } = c.req.valid('json');
      const result = await linkSale(
        c.var.services.d1,
        { saleId: c.req.valid('param').saleId, leadId, relink },
        { actor: c.var.principal.clientId, now: Date.now() },
      );
      return c.json({ conversion: presentConversion(result.conversion), changed: result.changed }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/sales/conversions',
      middleware: [requireRole('owner', 'operator', 'readonly')] as const,
      summary: 'Conversion rates by segment, lead source and sequence, for paid sales made between from and to',
      description:
        'A conversion is a paid (not refunded) sale matched to a lead, credited to the segments, source and sequences the lead had when it was matched. Rates count distinct leads.',
      request: {
        query: z.object({
          from: instant.optional().describe('ISO date or datetime; default 30 days before to'),
          to: instant.optional().describe('ISO date or datetime, exclusive; default now'),
        }),
      },
      responses: { 200: jsonResponse(ConversionReportSchema, 'The rates (amounts in micro-units)'), ...errorResponses },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const to = query.to ?? Date.now();
      const from = query.from ?? to - 30 * DAY;
      if (from >= to) throw new AppError('invalid_request', 'from must be before to');
      if (to - from > 366 * DAY) throw new AppError('invalid_request', 'The range may span at most 366 days');
      return c.json(presentReport(await conversionReport(c.var.services.d1, from, to)), 200);
    },
  );
