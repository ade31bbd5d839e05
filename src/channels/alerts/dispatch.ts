import { errorMessage } from '../../lib/error-message';
import type { Logger } from '../../observability/logger';
import type { Delivery } from '../owner-notifier';
import type { Alert, AlertSink } from './alert';

/** Raises alerts: every configured sink gets each one. */
export interface Alerter {
  /**
   * `sent` when at least one sink took it, `dry_run` when the only sinks are dry runs,
   * `not_configured` without sinks. Throws only when every sink failed, so a caller that retries
   * does not repeat an alert some sink already delivered.
   */
  alert(alert: Alert): Promise<Delivery>;
}

/** Hands each alert to every sink at once; a sink that fails is logged (by name) and holds up no other. */
export function alertDispatcher(sinks: readonly AlertSink[], log: Logger, clock = Date.now): Alerter {
  return {
    async alert(alert) {
      if (sinks.length === 0) return 'not_configured';
      const delivery = { id: crypto.randomUUID(), at: clock() };
      const outcomes = await Promise.allSettled(sinks.map((sink) => sink.deliver(alert, delivery)));
      const fields = { kind: alert.kind, deliveryId: delivery.id };
      let sent = false;
      let failed = 0;
      outcomes.forEach((outcome, index) => {
        const sink = sinks[index]?.name;
        if (outcome.status === 'rejected') {
          failed += 1;
          log.error('alert not delivered', { ...fields, sink, error: errorMessage(outcome.reason) });
        } else if (outcome.value === 'dry_run') {
          log.info('alert not sent: dry run', { ...fields, sink });
        } else {
          sent = true;
        }
      });
      if (failed === sinks.length) throw new Error(`no alert sink took the ${alert.kind} alert (${failed} failed)`);
      return sent ? 'sent' : 'dry_run';
    },
  };
}
