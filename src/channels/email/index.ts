import type { EmailConfig } from './email-config';
import { resendSender } from './resend';
import { sendgridSender } from './sendgrid';
import type { EmailSender } from './types';

export type { EmailConfig } from './email-config';
export * from './types';

/** Sends nothing and says so: the default until a provider has credentials. */
export function dryRunSender(): EmailSender {
  return {
    provider: 'dry-run',
    async send() {
      return { provider: 'dry-run', messageId: `dry-run:${crypto.randomUUID()}`, dryRun: true };
    },
  };
}

export function createEmailSender(config: EmailConfig, fetcher: typeof fetch = fetch): EmailSender {
  if (!config.provider || !config.apiKey) return dryRunSender();
  const settings = { apiKey: config.apiKey, baseUrl: config.baseUrl, from: config.from, timeoutMs: config.timeoutMs };
  return config.provider === 'resend' ? resendSender(settings, fetcher) : sendgridSender(settings, fetcher);
}
