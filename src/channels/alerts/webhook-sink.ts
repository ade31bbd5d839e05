import { errorMessage } from '../../lib/error-message';
import { signedHeaders } from '../webhook-signature';
import type { AlertSink } from './alert';

export interface AlertWebhook {
  url: string;
  secret: string;
}

const TIMEOUT_MS = 10_000;

/**
 * POSTs each alert as JSON (`id`, `kind`, `severity`, `title`, `text`, `at`) with its delivery id in
 * `X-Empire-Delivery` and the signed timestamp headers, so a receiver can check where it came from
 * and refuse a replay. Errors never carry the URL: a receiver's URL often holds a token.
 */
export function webhookSink(webhook: AlertWebhook, fetcher: typeof fetch = fetch, clock = Date.now): AlertSink {
  const hide = (text: string) => text.replaceAll(webhook.url, '<ALERT_WEBHOOK_URL>');
  return {
    name: 'webhook',
    async deliver(alert, delivery) {
      const body = JSON.stringify({ id: delivery.id, ...alert, at: new Date(delivery.at).toISOString() });
      let response: Response;
      try {
        response = await fetcher(webhook.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-empire-delivery': delivery.id,
            ...(await signedHeaders(webhook.secret, body, clock())),
          },
          body,
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (error) {
        throw new Error(`the alert webhook did not answer: ${hide(errorMessage(error))}`);
      }
      await response.body?.cancel();
      if (!response.ok) throw new Error(`the alert webhook answered ${response.status}`);
      return 'sent';
    },
  };
}
