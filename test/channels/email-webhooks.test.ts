import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config';
import { derToRawSignature } from '../../src/engagement/webhook-signatures';
import { api } from '../content/content-helpers';
import resendDelivered from '../fixtures/resend-webhooks/email_delivered.json';
import sendgridBatch from '../fixtures/sendgrid-webhooks/events_batch.json';
import type { ErrorShape } from '../helpers/fetch';
import { ownerKey } from '../helpers/keys';
import { call, envWith } from '../http/rate-limit-helpers';
import {
  nowSeconds,
  postWebhook,
  publishedNewsletter,
  resendHeaders,
  sendgridHeaders,
  sentSalesEmail,
} from './email-webhook-helpers';

interface Engagement {
  itemId: string;
  channel: string;
  format: string | null;
  delivered: number;
  opened: number;
  clicked: number;
  bounced: number;
  complained: number;
}

const engagementOf = async (itemId: string) =>
  (await (await api(`/api/content/items/${itemId}/engagement`, ownerKey)).json()) as Engagement;

/** Resend's delivered sample with another type and message id, dated now. */
const resendEvent = (type: string, emailId: string) =>
  JSON.stringify({
    ...resendDelivered,
    type,
    created_at: new Date().toISOString(),
    data: { ...resendDelivered.data, email_id: emailId },
  });

/** The sample batch's event of that kind for this message, with a fresh sg_event_id, dated now. */
function sendgridEvent(event: string, messageId: string, extra: Record<string, unknown> = {}) {
  const sample = sendgridBatch.find((entry) => entry.event === event) ?? { ...sendgridBatch[0], event };
  return {
    ...sample,
    timestamp: Math.floor(Date.now() / 1000),
    sg_event_id: crypto.randomUUID(),
    sg_message_id: `${messageId}.filter0001.16648.5515E0B88.0`,
    ...extra,
  };
}

describe('happy', () => {
  it('counts Resend events on the newsletter they belong to, once per svix-id', async () => {
    const { itemId, messageId } = await publishedNewsletter('resend');
    for (const type of ['email.delivered', 'email.opened', 'email.opened', 'email.clicked']) {
      const body = resendEvent(type, messageId);
      const response = await postWebhook('resend', body, await resendHeaders(body));
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ provider: 'resend', counted: 1, duplicates: 0 });
    }
    expect(await engagementOf(itemId)).toMatchObject({
      channel: 'newsletter',
      format: 'newsletter',
      delivered: 1,
      opened: 2,
      clicked: 1,
      bounced: 0,
    });
  });

  it('ignores event types it does not count and keeps events for mail it did not send uncounted', async () => {
    const sent = resendEvent('email.sent', 're_unknown');
    const ignored = await postWebhook('resend', sent, await resendHeaders(sent));
    expect(await ignored.json()).toMatchObject({ counted: 0, ignored: 1 });
    const stray = resendEvent('email.delivered', `alert-${crypto.randomUUID()}`);
    const unmatched = await postWebhook('resend', stray, await resendHeaders(stray));
    expect(await unmatched.json()).toMatchObject({ counted: 0, unmatched: 1 });
  });

  it('counts a signed SendGrid batch by sg_message_id, each sg_event_id once', async () => {
    const { itemId, messageId } = await publishedNewsletter('sendgrid');
    const events = [
      sendgridEvent('processed', messageId),
      sendgridEvent('delivered', messageId),
      sendgridEvent('open', messageId),
      sendgridEvent('click', messageId, { url: 'https://empire.test/x' }),
      sendgridEvent('spamreport', messageId),
      sendgridEvent('bounce', messageId, { type: 'blocked' }),
    ];
    const body = JSON.stringify(events);
    const response = await postWebhook('sendgrid', body, await sendgridHeaders(body));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      provider: 'sendgrid',
      counted: 4,
      duplicates: 0,
      unmatched: 0,
      ignored: 2,
    });
    expect(await engagementOf(itemId)).toMatchObject({
      delivered: 1,
      opened: 1,
      clicked: 1,
      complained: 1,
      bounced: 0,
    });
  });
});

describe('happy: large batches', () => {
  it('counts a batch of 120 opens over two newsletters and a stranger, each on its own', async () => {
    const [first, second] = [await publishedNewsletter('sendgrid'), await publishedNewsletter('sendgrid')];
    const events = Array.from({ length: 120 }, (_, i) =>
      sendgridEvent('open', [first.messageId, second.messageId, `stranger${i}`][i % 3] ?? ''),
    );
    const body = JSON.stringify(events);
    const answer = await (await postWebhook('sendgrid', body, await sendgridHeaders(body))).json();
    expect(answer).toMatchObject({ counted: 80, unmatched: 40, duplicates: 0 });
    expect((await engagementOf(first.itemId)).opened).toBe(40);
    expect((await engagementOf(second.itemId)).opened).toBe(40);
  });
});

describe('happy: sales e-mails', () => {
  it('counts events on the sales send whose message id they carry, sums them by channel and sequence, and erases them with the lead', async () => {
    const { messageId, sequenceId, leadId } = await sentSalesEmail();
    for (const type of ['email.delivered', 'email.opened', 'email.clicked']) {
      const body = resendEvent(type, messageId);
      expect(await (await postWebhook('resend', body, await resendHeaders(body))).json()).toMatchObject({ counted: 1 });
    }
    const summary = async (groupBy: string) =>
      (
        (await (await api(`/api/content/engagement?groupBy=${groupBy}`, ownerKey)).json()) as {
          groups: { key: string; subjects: number; delivered: number; opened: number; clicked: number }[];
        }
      ).groups;
    expect((await summary('channel')).find((group) => group.key === 'sales_email')).toMatchObject({
      subjects: 1,
      delivered: 1,
      opened: 1,
      clicked: 1,
    });
    expect((await summary('idea')).find((group) => group.key === sequenceId)).toMatchObject({ subjects: 1, opened: 1 });

    // Erasing the lead takes what its e-mails earned with them.
    expect((await api(`/api/crm/leads/${leadId}`, ownerKey, { method: 'DELETE' })).status).toBe(200);
    expect((await summary('idea')).find((group) => group.key === sequenceId)).toBeUndefined();
    const stored = await env.DB.prepare('select count(*) as n from email_events where message_id = ?')
      .bind(messageId)
      .first<{ n: number }>();
    expect(stored?.n).toBe(0);
  });
});

describe('security', () => {
  it('answers a replayed svix-id with 200 and counts nothing twice', async () => {
    const { itemId, messageId } = await publishedNewsletter('resend');
    const body = resendEvent('email.bounced', messageId);
    const headers = await resendHeaders(body);
    expect(await (await postWebhook('resend', body, headers)).json()).toMatchObject({ counted: 1 });
    const again = await postWebhook('resend', body, headers);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ counted: 0, duplicates: 1 });
    expect((await engagementOf(itemId)).bounced).toBe(1);
  });

  it('answers a redelivered SendGrid batch with 200 and counts nothing twice', async () => {
    const { itemId, messageId } = await publishedNewsletter('sendgrid');
    const body = JSON.stringify([sendgridEvent('delivered', messageId), sendgridEvent('open', messageId)]);
    await postWebhook('sendgrid', body, await sendgridHeaders(body));
    // SendGrid signs each attempt anew: a fresh timestamp, the same events.
    const again = await postWebhook('sendgrid', body, await sendgridHeaders(body));
    expect(await again.json()).toMatchObject({ counted: 0, duplicates: 2 });
    expect(await engagementOf(itemId)).toMatchObject({ delivered: 1, opened: 1 });
  });

  it('refuses a wrong or missing Resend signature, another secret, and a stale timestamp with 401', async () => {
    const body = resendEvent('email.delivered', 're_x');
    const good = await resendHeaders(body);
    const cases: Record<string, string>[] = [
      { ...good, 'svix-signature': 'v1,AAAA' },
      { ...good, 'svix-id': 'msg_other' },
      Object.fromEntries(Object.entries(good).filter(([name]) => name !== 'svix-signature')),
      await resendHeaders(body, { secret: `whsec_${btoa('another-secret-of-24-byte')}` }),
      await resendHeaders(body, { timestamp: String(Number(nowSeconds()) - 301) }),
      await resendHeaders(body, { timestamp: String(Number(nowSeconds()) + 301) }),
    ];
    for (const headers of cases) {
      const response = await postWebhook('resend', body, headers);
      expect(response.status).toBe(401);
      expect(((await response.json()) as ErrorShape).error.code).toBe('unauthorized');
    }
    const tampered = await postWebhook('resend', body.replace('re_x', 're_y'), good);
    expect(tampered.status).toBe(401);
  });

  it('refuses a wrong SendGrid signature, a tampered body and a stale timestamp with 401', async () => {
    const body = JSON.stringify([sendgridEvent('delivered', 'abc')]);
    const good = await sendgridHeaders(body);
    const other = await sendgridHeaders(`${body} `);
    const stale = await sendgridHeaders(body, String(Number(nowSeconds()) - 301));
    const cases = [
      {
        body,
        headers: {
          ...good,
          'X-Twilio-Email-Event-Webhook-Signature': other['X-Twilio-Email-Event-Webhook-Signature'] ?? '',
        },
      },
      { body: body.replace('delivered', 'open'), headers: good },
      { body, headers: { ...good, 'X-Twilio-Email-Event-Webhook-Signature': 'not base64!' } },
      { body, headers: { ...good, 'X-Twilio-Email-Event-Webhook-Timestamp': String(Number(nowSeconds()) + 1) } },
      { body, headers: stale },
    ];
    for (const { body: sent, headers } of cases) {
      const response = await postWebhook('sendgrid', sent, headers as Record<string, string>);
      expect(response.status).toBe(401);
    }
  });
});

describe('signatures', () => {
  it('takes any one matching signature of several, as Svix sends while a secret rotates', async () => {
    const body = resendEvent('email.sent', 're_rotating');
    const headers = await resendHeaders(body);
    const rotated = {
      ...headers,
      'svix-signature': `v1,${btoa('old-secret-signature-000000000000')} ${headers['svix-signature']}`,
    };
    expect((await postWebhook('resend', body, rotated)).status).toBe(200);
    const onlyOld = { ...headers, 'svix-signature': `v1,${btoa('old-secret-signature-000000000000')}` };
    expect((await postWebhook('resend', body, onlyOld)).status).toBe(401);
  });

  it('reads DER integers of any length up to 32 bytes, sign-padded or short, and refuses malformed DER', () => {
    const r = new Uint8Array(31).fill(0x11);
    const s = [0x00, ...new Uint8Array(32).fill(0xee)];
    const der = new Uint8Array([0x30, 2 + r.length + 2 + s.length, 0x02, r.length, ...r, 0x02, s.length, ...s]);
    const raw = [...(derToRawSignature(der) ?? [])];
    expect(raw).toHaveLength(64);
    expect(raw.slice(0, 2)).toEqual([0x00, 0x11]);
    expect(raw.slice(32, 34)).toEqual([0xee, 0xee]);
    expect(derToRawSignature(der.subarray(0, der.length - 1))).toBeUndefined();
    expect(derToRawSignature(new Uint8Array([0x31, ...der.subarray(1)]))).toBeUndefined();
    const tooLong = new Uint8Array([0x30, 2 + 33 + 2 + 1, 0x02, 33, 0x01, ...new Uint8Array(32), 0x02, 1, 0x05]);
    expect(derToRawSignature(tooLong)).toBeUndefined();
  });
});

describe('errors', () => {
  it('refuses a signed body that is not JSON (400 malformed_json) or not an event (400 naming the field)', async () => {
    const broken = '{"type": "email.delivered",';
    const response = await postWebhook('resend', broken, await resendHeaders(broken));
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorShape).error.code).toBe('malformed_json');
    const shapeless = JSON.stringify({ type: 'email.opened', data: {} });
    const refused = await postWebhook('resend', shapeless, await resendHeaders(shapeless));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(((await refused.json()) as ErrorShape).error.details)).toContain('created_at');
    const notArray = JSON.stringify({ event: 'delivered' });
    const sendgrid = await postWebhook('sendgrid', notArray, await sendgridHeaders(notArray));
    expect(sendgrid.status).toBe(400);
    expect(((await sendgrid.json()) as ErrorShape).error.code).toBe('invalid_request');
  });

  it('answers 404 naming the variable while a provider’s webhook is not configured', async () => {
    const unconfigured = envWith({ RESEND_WEBHOOK_SECRET: '', SENDGRID_WEBHOOK_PUBLIC_KEY: '' });
    const body = resendEvent('email.delivered', 're_x');
    const resend = await call(unconfigured, '/webhooks/email/resend', {
      method: 'POST',
      headers: await resendHeaders(body),
      body,
    });
    expect(resend).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect(JSON.stringify(resend.body)).toContain('RESEND_WEBHOOK_SECRET');
    const batch = JSON.stringify([sendgridEvent('delivered', 'abc')]);
    const sendgrid = await call(unconfigured, '/webhooks/email/sendgrid', {
      method: 'POST',
      headers: await sendgridHeaders(batch),
      body: batch,
    });
    expect(sendgrid.status).toBe(404);
    expect(JSON.stringify(sendgrid.body)).toContain('SENDGRID_WEBHOOK_PUBLIC_KEY');
  });

  it('refuses to start with a webhook secret or key that is not what the providers show, naming it', () => {
    const base = { ...env } as unknown as Record<string, unknown>;
    expect(() => parseConfig({ ...base, RESEND_WEBHOOK_SECRET: 'plain-secret' })).toThrow(/RESEND_WEBHOOK_SECRET/);
    expect(() => parseConfig({ ...base, SENDGRID_WEBHOOK_PUBLIC_KEY: 'abc' })).toThrow(/SENDGRID_WEBHOOK_PUBLIC_KEY/);
    expect(parseConfig({ ...base, RESEND_WEBHOOK_SECRET: '' }).email.webhooks.resendSecret).toBeUndefined();
  });
});
