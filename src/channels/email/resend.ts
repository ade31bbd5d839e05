import { parseAddress } from './address';
import { networkError, providerError } from './errors';
import type { EmailMessage, EmailSender, EmailSendResult } from './types';
import { EmailSendError } from './types';

export interface ProviderSettings {
  apiKey: string;
  baseUrl: string;
  from: string;
  timeoutMs: number;
}

const MAX_IDEMPOTENCY_KEY = 256;

// Resend tag names and values take ASCII letters, digits, underscores and dashes only.
const tagSafe = (value: string) => value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256);

export function resendBody(message: EmailMessage, defaultFrom: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    from: message.from ?? defaultFrom,
    to: [message.to],
    subject: message.subject,
    text: message.text,
  };
  if (message.html) body.html = message.html;
  if (message.replyTo) body.reply_to = message.replyTo;
  if (message.headers && Object.keys(message.headers).length > 0) body.headers = message.headers;
  if (message.tags) {
    body.tags = Object.entries(message.tags).map(([name, value]) => ({ name: tagSafe(name), value: tagSafe(value) }));
  }
  return body;
}

/** Resend: `POST /emails`, answered `{ id }`; honours an Idempotency-Key for 24 hours. */
export function resendSender(settings: ProviderSettings, fetcher: typeof fetch = fetch): EmailSender {
  const url = `${settings.baseUrl.replace(/\/+$/, '')}/emails`;
  return {
    provider: 'resend',
    async send(message): Promise<EmailSendResult> {
      if (!parseAddress(message.to)) {
        throw new EmailSendError('resend', 0, 'invalid_recipient', `not an email address: ${message.to}`, false);
      }
      const headers: Record<string, string> = {
        authorization: `Bearer ${settings.apiKey}`,
        'content-type': 'application/json',
      };
      if (message.idempotencyKey) headers['idempotency-key'] = message.idempotencyKey.slice(0, MAX_IDEMPOTENCY_KEY);
      let response: Response;
      try {
        response = await fetcher(url, {
          method: 'POST',
          headers,
          body: JSON.stringify(resendBody(message, settings.from)),
          signal: AbortSignal.timeout(settings.timeoutMs),
        });
      } catch (error) {
        throw networkError('resend', error);
      }
      if (!response.ok) throw await providerError('resend', response);
      const body = (await response.json().catch(() => undefined)) as { id?: unknown } | undefined;
      if (typeof body?.id !== 'string' || body.id === '') {
        throw new EmailSendError(
          'resend',
          response.status,
          'bad_response',
          'Resend answered without a message id',
          true,
        );
      }
      return { provider: 'resend', messageId: body.id, dryRun: false };
    },
  };
}
