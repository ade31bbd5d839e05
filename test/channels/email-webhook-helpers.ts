import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { loadConfig } from '../../src/config/config';
import { publishDue } from '../../src/content/publish';
import { buildPublishers } from '../../src/content/publishers';
import * as d1Schema from '../../src/db/d1-schema';
import { runSequences } from '../../src/sales/run-sequences';
import { approve, newIdea } from '../content/content-helpers';
import { newLead, uniqueEmail } from '../crm/crm-helpers';
import { workerFetch } from '../helpers/fetch';
import { uniqueMarker } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';
import { api, newSegment, newSequence, type Send, salesDeps } from '../sales/sales-helpers';

export { nowSeconds, resendHeaders, sendgridHeaders } from '../helpers/email-webhook-signing';

export const postWebhook = (provider: 'resend' | 'sendgrid', body: string, headers: Record<string, string>) =>
  workerFetch(`/webhooks/email/${provider}`, { method: 'POST', headers, body });

/**
 * A newsletter published for real through the configured publishers (the fake e-mail server), with
 * the provider given: its item id and the message id the provider answered with.
 */
export async function publishedNewsletter(
  provider: 'resend' | 'sendgrid',
): Promise<{ itemId: string; messageId: string }> {
  const marker = uniqueMarker('letter');
  const idea = await newIdea(ownerKey, {
    topic: marker,
    variants: { newsletter: { subject: `Letter ${marker}`, markdown: 'Hi' } },
  });
  const item = await approve(ownerKey, idea.items[0]?.id ?? '');
  await env.DB.prepare('update content_items set scheduled_at = ? where id = ?')
    .bind(Date.now() - 1_000, item.id)
    .run();
  const config = loadConfig(env);
  const publishers = buildPublishers(config.content, { ...config.email, provider });
  const summary = await publishDue(drizzle(env.DB, { schema: d1Schema }), publishers, () => Date.now());
  const published = summary.published.find((entry) => entry.id === item.id);
  const messageId = published?.remoteIds[0];
  if (!messageId || published.dryRun) throw new Error(`newsletter ${item.id} was not sent: ${JSON.stringify(summary)}`);
  return { itemId: item.id, messageId };
}

/** One sales e-mail sent for real by the sequence engine to a lead alone in its segment: its message id. */
export async function sentSalesEmail(): Promise<{ messageId: string; sequenceId: string; leadId: string }> {
  const tag = uniqueMarker('co');
  const lead = await newLead(ownerKey, { name: 'Dana Kovacs', email: uniqueEmail('engage'), company: `${tag} GmbH` });
  const segment = await newSegment(ownerKey, { companies: [tag] });
  const sequence = await newSequence(ownerKey, segment.id, [
    { subject: 'Audit', body: 'Hi {{firstName}}', delayHours: 0 },
  ]);
  await runSequences(salesDeps(), Date.now());
  const { sends } = (await (await api(`/api/sales/leads/${lead.id}`, ownerKey)).json()) as { sends: Send[] };
  const messageId = sends[0]?.messageId;
  if (!messageId) throw new Error(`no send for lead ${lead.id}`);
  return { messageId, sequenceId: sequence.id, leadId: lead.id };
}
