import { parseAddress } from './address';
import { networkError, providerError } from './errors';
import type { ProviderSettings } from './resend';
import type { EmailMessage, EmailSender, EmailSendResult } from './types';
import { EmailSendError } from './types';

export function sendgridBody(message: EmailMessage, defaultFrom: string): Record<string, unknown> {
  const to = parseAddress(message.to);
  const from = parseAddress(message.from ?? defaultFrom);
  // SendGrid wants text/plain before text/html.
  const content = [{ type: 'text/plain', value: message.text }];
  if (message.html) content.push({ type: 'text/html', value: message.html });
  const body: Record<string, unknown> = {
    personalizations: [{ to: [to ?? { email: message.to }] }],
    from: from ?? { email: message.from ?? defaultFrom },
    subject: message.subject,
    content,
  };
  const replyTo = message.replyTo ? parseAddress(message.replyTo) : undefined;
  if (replyTo) body.reply_to = replyTo;
  if (message.headers && Object.keys(message.headers).length > 0) body.headers = message.headers;
  const customArgs: Record<string, string> = { ...(message.tags ?? {}) };
  // SendGrid has no idempotency key; the key travels with the message so events can be matched to it.
  if (message.idempotencyKey) customArgs.idempotency_key = message.idempotencyKey;
  if (Object.keys(customArgs).length > 0) body.custom_args = customArgs;
  if (message.tags) body.categories = Object.values(message.tags).slice(0, 10);
  return body;
}

/** SendGrid: `POST /v3/mail/send`, answered 202 with an empty body and the id in X-Message-Id. */
export function sendgridSender(settings: ProviderSettings, fetcher: typeof fetch = fetch): EmailSender {
  const url = `${settings.baseUrl.replace(/\/+$/, '')}/v3/mail/send`;
  return {
    provider: 'sendgrid',
    async send(message): Promise<EmailSendResult> {
      if (!parseAddress(message.to)) {
        throw new EmailSendError('sendgrid', 0, 'invalid_recipient', `not an email address: ${message.to}`, false);
      }
      let response: Response;
      try {
        response = await fetcher(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${settings.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(sendgridBody(message, settings.from)),
          signal: AbortSignal.timeout(settings.timeoutMs),
        });
      } catch (error) {
        throw networkError('sendgrid', error);
      }
      if (!response.ok) throw await providerError('sendgrid', response);
      await response.body?.cancel();
      const messageId = response.headers.get('x-message-id');
      if (!messageId) {
        throw new EmailSendError(
          'sendgrid',
          response.status,
          'bad_response',
          'SendGrid answered without X-Message-Id',
          true,
        );
      }
      return { provider: 'sendgrid', messageId, dryRun: false };
    },
  };
}
