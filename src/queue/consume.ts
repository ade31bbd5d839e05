import { exponentialBackoff } from '../lib/backoff';
import { pause } from '../lib/pause';
import type { Logger } from '../observability/logger';
import { errorFields } from '../observability/logger';
import { type JobKind, type JobMessage, jobMessage } from './messages';

type Of<K extends JobKind> = Extract<JobMessage, { kind: K }>;

/** What a `settle` handler gets: each job with its message, to ack or retry one by one. */
export interface Delivery<T> {
  job: T;
  message: Message;
}

/**
 * One handler per kind: `each` runs per message, `all` takes every message of its kind at once
 * (ack or retry together), `settle` takes them all and acks or retries each itself.
 */
export type JobHandlers = {
  [K in JobKind]:
    | { each: (message: Of<K>, attempt: number) => Promise<void> }
    | { all: (messages: Of<K>[]) => Promise<void> }
    | { settle: (deliveries: Delivery<Of<K>>[]) => Promise<void> };
};

type Parsed = Delivery<JobMessage>;

/** Rows (ledger or audit entries; 1 for any other message) parsed between turns given to other requests. */
const ROWS_PER_TURN = 100;

/** The longest a queue message waits between retries. */
export const QUEUE_RETRY_CAP_SECONDS = 300;

/**
 * Settles every message of a batch explicitly: ack after its handler succeeds, retry with
 * backoff otherwise. A message that fails validation is retried too rather than dropped: the
 * usual cause is a producer deployed ahead of this consumer, and after the last retry the
 * dead-letter consumer records it with the reason.
 */
export async function consumeJobs(
  batch: MessageBatch,
  handlers: JobHandlers,
  log: Logger,
  retryBaseSeconds = 2,
): Promise<void> {
  const retry = (message: Message) =>
    message.retry({ delaySeconds: exponentialBackoff(message.attempts, retryBaseSeconds, QUEUE_RETRY_CAP_SECONDS) });
  const byKind = new Map<JobKind, Parsed[]>();
  let rowsSinceTurn = 0;
  for (const message of batch.messages) {
    // Requests share this isolate: a batch of ledger entries parses in milliseconds, so the calls
    // waiting get a turn between messages that carry many rows. Small messages (a swarm job is
    // three fields) parse a whole batch in far less than one such turn costs.
    if (rowsSinceTurn >= ROWS_PER_TURN) {
      await pause(0);
      rowsSinceTurn = 0;
    }
    const parsed = jobMessage.safeParse(message.body);
    rowsSinceTurn += parsed.success && 'entries' in parsed.data ? parsed.data.entries.length : 1;
    if (!parsed.success) {
      log.warn('invalid queue message', {
        messageId: message.id,
        attempts: message.attempts,
        issues: parsed.error.issues,
      });
      retry(message);
      continue;
    }
    const group = byKind.get(parsed.data.kind) ?? [];
    group.push({ message, job: parsed.data });
    byKind.set(parsed.data.kind, group);
  }
  for (const [kind, group] of byKind) {
    const handler = handlers[kind] as
      | { each: (job: JobMessage, attempt: number) => Promise<void> }
      | { all: (jobs: JobMessage[]) => Promise<void> }
      | { settle: (deliveries: Delivery<JobMessage>[]) => Promise<void> };
    if ('settle' in handler) {
      try {
        await handler.settle(group);
      } catch (error) {
        log.warn('queue batch failed', { kind, count: group.length, ...errorFields(error) });
        for (const entry of group) retry(entry.message);
      }
      continue;
    }
    if ('all' in handler) {
      try {
        await handler.all(group.map((entry) => entry.job));
        for (const entry of group) entry.message.ack();
      } catch (error) {
        log.warn('queue batch failed', { kind, count: group.length, ...errorFields(error) });
        for (const entry of group) retry(entry.message);
      }
      continue;
    }
    for (const { message, job } of group) {
      try {
        await handler.each(job, message.attempts);
        message.ack();
      } catch (error) {
        log.warn('queue job failed', {
          messageId: message.id,
          kind,
          attempts: message.attempts,
          ...errorFields(error),
        });
        retry(message);
      }
    }
  }
}
