import { createRoute, z } from '@hono/zod-openapi';
import { constantTimeEqual } from '../../src/channels/secrets';
import { matchSale, noteRefund } from '../../src/revenue/conversions';
import { gumroadPingSchema, pingFields, pingToEvent } from '../../src/revenue/gumroad-ping';
import { findEvent, recordEvent } from '../../src/revenue/revenue-store';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { ErrorSchema, errorResponses, jsonResponse } from '../http/responses';
import { GumroadPingResultSchema } from './schemas/gateway';

export const gumroadRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/webhooks/gumroad/{secret}',
    summary: 'Gumroad sale ping: each sale stored once; a refunded ping marks its sale refunded',
    description:
      'Gumroad signs nothing, so the ping URL carries a secret (compared in constant time) and the ping must name the configured seller_id. Form-encoded or JSON. A replayed sale_id answers 200 and stores nothing, so Gumroad stops retrying.',
    request: { params: z.object({ secret: z.string().max(200) }) },
    responses: {
      200: jsonResponse(GumroadPingResultSchema, 'Recorded, already recorded, or marked refunded'),
      ...errorResponses,
      401: jsonResponse(ErrorSchema, 'Wrong secret in the URL'),
      403: jsonResponse(ErrorSchema, 'The ping names another seller'),
    },
  }),
  async (c) => {
    const settings = c.var.config.workflows.gumroad;
    if (!settings)
      throw new AppError('not_found', 'Gumroad pings are not configured (GUMROAD_WEBHOOK_SECRET, GUMROAD_SELLER_ID)');
    if (!constantTimeEqual(c.req.valid('param').secret, settings.webhookSecret))
      throw new AppError('unauthorized', 'The ping URL secret is wrong');
    const contentType = c.req.header('content-type') ?? '';
    // Decoded by hand: workerd warns when .text() reads a form body.
    const fields = pingFields(contentType, new TextDecoder().decode(await c.req.arrayBuffer()));
    if (!fields) {
      if (contentType.includes('application/json'))
        throw new AppError('malformed_json', 'The body is not a JSON object');
      throw new AppError('unsupported_media_type', 'Send application/x-www-form-urlencoded or application/json');
    }
    const parsed = gumroadPingSchema.safeParse(fields);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
      throw new AppError('invalid_request', 'The ping is missing or has malformed fields', problems);
    }
    const ping = parsed.data;
    if (!constantTimeEqual(ping.seller_id, settings.sellerId))
      throw new AppError('forbidden', 'The ping is for another seller');
    if (ping.test === 'true')
      return c.json({ saleId: ping.sale_id, result: 'ignored' as const, reason: 'test purchase' }, 200);
    const db = c.var.services.d1;
    const now = Date.now();
    const result = await recordEvent(db, pingToEvent(ping, now));
    const sale = await findEvent(db, 'gumroad', ping.sale_id);
    const context = { actor: null, now };
    // A replay matches too: Gumroad retries when the first answer failed, perhaps after the sale was stored.
    const conversion = sale && result !== 'refunded' ? await matchSale(db, sale, context) : undefined;
    // A replayed refund ping finds the first refund's time and tells the lead nothing new.
    if (sale && result === 'refunded' && sale.refundedAt === now) await noteRefund(db, sale, context);
    c.var.log.info('gumroad ping', { saleId: ping.sale_id, result, leadId: conversion?.leadId });
    return c.json({ saleId: ping.sale_id, result, ...(conversion ? { leadId: conversion.leadId } : {}) }, 200);
  },
);
