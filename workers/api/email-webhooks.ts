import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { recordEmailEvents } from '../../src/engagement/email-event-store';
import { type ParsedEvents, parseResendEvent, parseSendgridEvents } from '../../src/engagement/email-events';
import {
  type SignatureCheck,
  verifySendgridSignature,
  verifySvixSignature,
} from '../../src/engagement/webhook-signatures';
import type { AppEnv } from '../http/app-env';
import { auditNote } from '../http/audit';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { ErrorSchema, errorResponses, jsonResponse } from '../http/responses';
import { EmailWebhookResultSchema } from './schemas/content-engagement';

const SVIX_ID = /^[A-Za-z0-9_-]{1,100}$/;

function refuseUnlessValid(check: SignatureCheck, header: string) {
  if (check === 'bad_signature') throw new AppError('unauthorized', `Missing or wrong ${header}`);
  if (check === 'stale')
    throw new AppError(
      'unauthorized',
      'The signed timestamp is more than 5 minutes from our clock; a replay is refused',
    );
}

function parseJson(raw: ArrayBuffer): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(raw));
  } catch {
    throw new AppError('malformed_json', 'The request body is not valid JSON');
  }
}

async function record(c: Context<AppEnv>, provider: 'resend' | 'sendgrid', parsed: ParsedEvents) {
  const recorded = await recordEmailEvents(c.var.services.d1, parsed.events, Date.now());
  c.var.log.info('email events', { provider, ...recorded, ignored: parsed.ignored });
  return { provider, ...recorded, ignored: parsed.ignored };
}

const responses = {
  200: jsonResponse(EmailWebhookResultSchema, 'Verified; new events counted, repeated ones recognised'),
  ...errorResponses,
  401: jsonResponse(ErrorSchema, 'Missing or wrong signature, or a timestamp more than 5 minutes off'),
  404: jsonResponse(ErrorSchema, 'This provider’s webhook is not configured'),
};

export const emailWebhookRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/webhooks/email/resend',
      summary:
        'Resend e-mail events: delivered, opened, clicked, bounced and complained, counted per newsletter and sales e-mail',
      description:
        'Signed by Svix (svix-id, svix-timestamp, svix-signature) with RESEND_WEBHOOK_SECRET over the raw body. A timestamp more than 5 minutes off is refused; a repeated svix-id answers 200 and counts nothing.',
      responses,
    }),
    async (c) => {
      const secret = c.var.config.email.webhooks.resendSecret;
      if (!secret) throw new AppError('not_found', 'Resend webhooks are not configured (RESEND_WEBHOOK_SECRET)');
      const raw = await c.req.arrayBuffer();
      const id = c.req.header('svix-id') ?? '';
      const headers = {
        id,
        timestamp: c.req.header('svix-timestamp') ?? '',
        signature: c.req.header('svix-signature') ?? '',
      };
      refuseUnlessValid(await verifySvixSignature(secret, headers, raw, Date.now()), 'svix-signature');
      auditNote(c, { actor: { kind: 'webhook', id: 'resend' }, target: { type: 'email_events' } });
      if (!SVIX_ID.test(id)) throw new AppError('invalid_request', 'svix-id is malformed');
      return c.json(await record(c, 'resend', parseResendEvent(parseJson(raw), id)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/webhooks/email/sendgrid',
      summary:
        'SendGrid e-mail events: delivered, open, click, bounce and spamreport, counted per newsletter and sales e-mail',
      description:
        'The Signed Event Webhook: an ECDSA P-256 signature (X-Twilio-Email-Event-Webhook-Signature) over X-Twilio-Email-Event-Webhook-Timestamp and the raw body, checked with SENDGRID_WEBHOOK_PUBLIC_KEY. A timestamp more than 5 minutes off is refused; events whose sg_event_id was seen answer 200 and count nothing.',
      responses,
    }),
    async (c) => {
      const publicKey = c.var.config.email.webhooks.sendgridPublicKey;
      if (!publicKey)
        throw new AppError('not_found', 'SendGrid event webhooks are not configured (SENDGRID_WEBHOOK_PUBLIC_KEY)');
      const raw = await c.req.arrayBuffer();
      const signature = c.req.header('X-Twilio-Email-Event-Webhook-Signature') ?? '';
      const timestamp = c.req.header('X-Twilio-Email-Event-Webhook-Timestamp') ?? '';
      const check = await verifySendgridSignature(publicKey, signature, timestamp, raw, Date.now());
      refuseUnlessValid(check, 'X-Twilio-Email-Event-Webhook-Signature');
      auditNote(c, { actor: { kind: 'webhook', id: 'sendgrid' }, target: { type: 'email_events' } });
      return c.json(await record(c, 'sendgrid', parseSendgridEvents(parseJson(raw))), 200);
    },
  );
