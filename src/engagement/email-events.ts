import { z } from 'zod';
import type { EmailEventKind, EmailEventProvider } from '../db/engagement-schema';
import { InvalidInputError } from '../lib/domain-errors';

/** One provider event in the product's terms: which message, what happened, when. */
export interface EmailEvent {
  provider: EmailEventProvider;
  eventId: string;
  messageId: string;
  kind: EmailEventKind;
  occurredAt: number;
}

/** What a webhook body held: the events the product counts, and how many it does not. */
export interface ParsedEvents {
  events: EmailEvent[];
  /** Event types not counted (sent, processed, deferred, …) and entries without the ids needed. */
  ignored: number;
}

/** A signed body that is not what the provider sends: refused with the problems named. */
export class EmailEventBodyError extends InvalidInputError {
  constructor(message: string, problems: { path: string; message: string }[] = []) {
    super(message, problems.length > 0 ? problems : undefined);
  }
}

const RESEND_KINDS: Record<string, EmailEventKind> = {
  'email.delivered': 'delivered',
  'email.opened': 'opened',
  'email.clicked': 'clicked',
  'email.bounced': 'bounced',
  'email.complained': 'complained',
};

const resendEventSchema = z.object({
  type: z.string().min(1).max(100),
  created_at: z.string().max(64),
  data: z.object({ email_id: z.string().min(1).max(200).optional() }).passthrough(),
});

const problemsOf = (error: z.ZodError) =>
  error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));

/** A Resend webhook body (one event); `deliveryId` is its svix-id, which names the event. */
export function parseResendEvent(body: unknown, deliveryId: string): ParsedEvents {
  const parsed = resendEventSchema.safeParse(body);
  if (!parsed.success) throw new EmailEventBodyError('The body is not a Resend event', problemsOf(parsed.error));
  const { type, created_at: createdAt, data } = parsed.data;
  const kind = RESEND_KINDS[type];
  const occurredAt = Date.parse(createdAt);
  if (!kind || !data.email_id) return { events: [], ignored: 1 };
  if (Number.isNaN(occurredAt))
    throw new EmailEventBodyError('created_at is not a time', [{ path: 'created_at', message: 'not ISO 8601' }]);
  return {
    events: [{ provider: 'resend', eventId: deliveryId, messageId: data.email_id, kind, occurredAt }],
    ignored: 0,
  };
}

const SENDGRID_KINDS: Record<string, EmailEventKind> = {
  delivered: 'delivered',
  open: 'opened',
  click: 'clicked',
  bounce: 'bounced',
  spamreport: 'complained',
};

const sendgridEntrySchema = z.object({
  event: z.string().max(100),
  sg_event_id: z.string().min(1).max(200),
  sg_message_id: z.string().min(1).max(300),
  timestamp: z.number().int().nonnegative(),
  // `blocked` is a bounce SendGrid may retry; only a permanent one counts as bounced.
  type: z.string().max(50).optional(),
});

/** At most this many events in one SendGrid post (it batches by size and time; far fewer in practice). */
export const MAX_SENDGRID_EVENTS = 5_000;

/** A SendGrid Event Webhook body: a JSON array of events, each with its own sg_event_id. */
export function parseSendgridEvents(body: unknown): ParsedEvents {
  if (!Array.isArray(body)) throw new EmailEventBodyError('The body is not a JSON array of SendGrid events');
  if (body.length > MAX_SENDGRID_EVENTS)
    throw new EmailEventBodyError(`At most ${MAX_SENDGRID_EVENTS} events in one post`);
  const result: ParsedEvents = { events: [], ignored: 0 };
  for (const entry of body) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      throw new EmailEventBodyError('Every entry of the array must be an event object');
    const parsed = sendgridEntrySchema.safeParse(entry);
    const kind = parsed.success ? SENDGRID_KINDS[parsed.data.event] : undefined;
    if (!parsed.success || !kind || (kind === 'bounced' && parsed.data.type === 'blocked')) {
      result.ignored += 1;
      continue;
    }
    result.events.push({
      provider: 'sendgrid',
      eventId: parsed.data.sg_event_id,
      messageId: parsed.data.sg_message_id,
      kind,
      occurredAt: parsed.data.timestamp * 1000,
    });
  }
  return result;
}
