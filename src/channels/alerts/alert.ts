/** What raised the alert; receivers may route on it. */
export type AlertKind = 'budget' | 'p1_spend' | 'workflow_failed' | 'health' | 'publishing_failed';

/** `page`: someone should look now (a cap reached, a run failed, a remedy taken); `warn`: soon. */
export type AlertSeverity = 'page' | 'warn';

/** One alert, as every sink receives it. */
export interface Alert {
  kind: AlertKind;
  severity: AlertSeverity;
  /** One line: the e-mail's subject, the webhook's `title`. */
  title: string;
  /** The whole message, as the owner's chat shows it. */
  text: string;
}

/** One delivery of an alert: the same id and time at every sink, so a receiver can drop a repeat. */
export interface AlertDelivery {
  id: string;
  /** Epoch ms when the alert was raised. */
  at: number;
}

/** What a sink did: sent, or a labelled dry run (e-mail without a provider sends nothing). */
export type SinkOutcome = 'sent' | 'dry_run';

export interface AlertSink {
  /** Names the sink in logs; never its URL or address. */
  readonly name: 'telegram' | 'email' | 'webhook';
  /** Resolves once the sink took the alert; throws when it did not. */
  deliver(alert: Alert, delivery: AlertDelivery): Promise<SinkOutcome>;
}
