import { createRoute, z } from '@hono/zod-openapi';
import { findLead } from '../../src/crm/lead-store';
import { matchSale } from '../../src/revenue/conversions';
import { findEvent, recordEvent, revenueSummary } from '../../src/revenue/revenue-store';
import { presentSummary } from '../../src/revenue/summary';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { ErrorSchema, errorResponses, jsonResponse } from '../http/responses';
import { RecordedOrderSchema, RevenueSummarySchema } from './schemas/revenue';

const DAY = 86_400_000;
const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).transform((value) => Date.parse(value));

const orderBody = z
  .object({
    orderId: z
      .string()
      .trim()
      .regex(/^[\w.#-]{1,100}$/, 'must be 1-100 of letters, digits and . # - _'),
    amount: z.number().positive().max(1_000_000_000).describe('In currency, e.g. 150.5'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
    product: z.string().trim().min(1).max(200).describe('The gig or service sold'),
    buyerEmail: z.email().max(320).optional(),
    at: z.iso.datetime({ offset: true }).optional().describe('When the order was paid; default now'),
    leadId: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe('The lead who bought; without it the order is matched by buyerEmail, or waits to be linked'),
  })
  .strict();

export const revenueRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/revenue',
      middleware: [requireRole('owner', 'operator', 'readonly')] as const,
      summary: 'Revenue between from and to: totals per currency, by source and product, refunds',
      request: {
        query: z.object({
          from: instant.optional().describe('ISO date or datetime; default 7 days before to'),
          to: instant.optional().describe('ISO date or datetime, exclusive; default now'),
        }),
      },
      responses: { 200: jsonResponse(RevenueSummarySchema, 'Summary (amounts in micro-units)'), ...errorResponses },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const to = query.to ?? Date.now();
      const from = query.from ?? to - 7 * DAY;
      if (from >= to) throw new AppError('invalid_request', 'from must be before to');
      if (to - from > 366 * DAY) throw new AppError('invalid_request', 'The range may span at most 366 days');
      return c.json(presentSummary(await revenueSummary(c.var.services.d1, from, to)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/revenue/{source}',
      middleware: [requireRole('owner', 'operator')] as const,
      summary: 'Record an order that no webhook reports (a Fiverr order, a consulting fee); once per order id',
      request: {
        params: z.object({ source: z.enum(['fiverr', 'consulting']) }),
        body: { content: { 'application/json': { schema: orderBody } }, required: true },
      },
      responses: {
        201: jsonResponse(RecordedOrderSchema, 'Recorded'),
        ...errorResponses,
        404: jsonResponse(ErrorSchema, 'No lead with this leadId (nothing is recorded)'),
        409: jsonResponse(ErrorSchema, 'This order is already recorded'),
      },
    }),
    async (c) => {
      const { source } = c.req.valid('param');
      const order = c.req.valid('json');
      const now = Date.now();
      const db = c.var.services.d1;
      if (order.leadId && !(await findLead(db, order.leadId)))
        throw new AppError('not_found', `No lead ${order.leadId}; the order was not recorded`, {
          leadId: order.leadId,
        });
      const result = await recordEvent(db, {
        id: crypto.randomUUID(),
        source,
        externalId: order.orderId,
        status: 'paid',
        amountMicros: Math.round(order.amount * 1_000_000),
        currency: order.currency,
        product: order.product,
        buyerEmail: order.buyerEmail ?? null,
        at: order.at ? Date.parse(order.at) : now,
        recordedAt: now,
        recordedBy: c.var.principal.clientId,
      });
      const event = await findEvent(db, source, order.orderId);
      if (result === 'duplicate')
        throw new AppError('conflict', `Order ${order.orderId} is already recorded`, { id: event?.id });
      if (!event) throw new AppError('internal', 'The order was not stored');
      const conversion = await matchSale(db, event, { actor: c.var.principal.clientId, now }, order.leadId);
      return c.json(
        {
          id: event.id,
          source,
          orderId: event.externalId,
          amountMicros: event.amountMicros,
          currency: event.currency,
          product: event.product,
          at: new Date(event.at).toISOString(),
          leadId: conversion?.leadId ?? null,
        },
        201,
      );
    },
  );
