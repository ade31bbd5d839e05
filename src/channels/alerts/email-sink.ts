import type { EmailSender } from '../email';
import type { AlertSink } from './alert';

const SUBJECT_PREFIX = { page: '[AI Empire] Alert', warn: '[AI Empire] Warning' } as const;

/**
 * Each alert as one e-mail to `to`, through the product's sender: the same provider as the sales
 * e-mails, and the same dry run while none is configured. The delivery id is the idempotency key,
 * so a provider that honours it sends one message however often the alert is handed over.
 */
export function emailSink(sender: EmailSender, to: string): AlertSink {
  return {
    name: 'email',
    async deliver(alert, delivery) {
      const result = await sender.send({
        to,
        subject: `${SUBJECT_PREFIX[alert.severity]}: ${alert.title.replace(/\s+/g, ' ').slice(0, 160)}`,
        text: `${alert.text}\n\n${alert.kind} alert ${delivery.id}, ${new Date(delivery.at).toISOString()}`,
        tags: { alert: alert.kind },
        idempotencyKey: `alert/${delivery.id}`,
      });
      return result.dryRun ? 'dry_run' : 'sent';
    },
  };
}
