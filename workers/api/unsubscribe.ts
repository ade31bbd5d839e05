import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { addEvent } from '../../src/crm/lead-store';
import { unsubscribe } from '../../src/sales/unsubscribe';
import type { AppEnv } from '../http/app-env';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { ErrorSchema, errorResponses, jsonResponse } from '../http/responses';

// Public on purpose: the link in every email must work without an account. The token is the
// only key, 256 random bits. An unknown one gets a small page with 404 when a browser asks, and
// the API's JSON error otherwise (mail clients' one-click POSTs, scripts).
const tokenParam = z.object({ token: z.string().max(200) });

const page = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}</style></head><body><h1>${title}</h1><p>${text}</p></body></html>`;

const htmlResponse = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });

const unknownLink = {
  description: 'Unknown link: a page for browsers (Accept: text/html), the JSON error otherwise',
  content: { 'text/html': { schema: z.string() }, ...jsonResponse(ErrorSchema, '').content },
};

async function handle(c: Context<AppEnv>, token: string) {
  const db = c.var.services.d1;
  const now = Date.now();
  const outcome = await unsubscribe(db, token, now);
  c.header('cache-control', 'no-store');
  c.header('referrer-policy', 'no-referrer');
  if (!outcome.found) {
    if (!(c.req.header('accept') ?? '').includes('text/html'))
      throw new AppError('not_found', 'This unsubscribe link is not known. Nothing was changed.');
    return c.html(page('Link not valid', 'This unsubscribe link is not known. Nothing was changed.'), 404);
  }
  if (outcome.first) {
    for (const leadId of outcome.leadIds) {
      await addEvent(db, leadId, { kind: 'outreach', data: { channel: 'email', unsubscribed: true } }, null, now);
    }
  }
  return c.html(page('You are unsubscribed', 'You will not receive any more emails from us at this address.'), 200);
}

export const unsubscribeRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/u/{token}',
      summary: 'Unsubscribe the address the link was sent to, for good; no login, safe to repeat',
      request: { params: tokenParam },
      responses: { 200: htmlResponse('A confirmation page'), ...errorResponses, 404: unknownLink },
    }),
    (c) => handle(c, c.req.valid('param').token),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/u/{token}',
      summary: 'One-click unsubscribe (RFC 8058), as mail clients send it from the List-Unsubscribe header',
      request: { params: tokenParam },
      responses: { 200: htmlResponse('A confirmation page'), ...errorResponses, 404: unknownLink },
    }),
    (c) => handle(c, c.req.valid('param').token),
  );
