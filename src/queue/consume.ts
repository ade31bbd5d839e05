import type { Logger } from '../observability/logger';
import { errorFields } from '../observability/logger';
import { retryDelaySeconds } from './backoff';
import { type JobKind, type JobMessage, jobMessage } from './messages';

export type JobHandlers = {
  [K in JobKind]: (message: Extract<JobMessage, { kind: K }>, attempt: number) => Promise<void>;
};

/**
 * Settles every message of a batch explicitly: ack after its handler succeeds, retry with
 * backoff otherwise. A message that fails validation is retried too rather than dropped: the
 * usual cause is a producer deployed ahead of this consumer, and after the last retry the
 * dead-letter consumer records it with the reason.
 */
export async function consumeJobs(batch: MessageBatch, handlers: JobHandlers, log: Logger): Promise<void> {
  for (const message of batch.messages) {
    const parsed = jobMessage.safeParse(message.body);
    if (!parsed.success) {
      log.warn('invalid queue message', {
        messageId: message.id,
        attempts: message.attempts,
        issues: parsed.error.issues,
      });
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
      continue;
    }
    try {
      const job = parsed.data;
      const handler = handlers[job.kind] as (message: JobMessage, attempt: number) => Promise<void>;
      await handler(job, message.attempts);
      message.ack();
    } catch (error) {
      log.warn('queue job failed', { messageId: message.id, attempts: message.attempts, ...errorFields(error) });
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}
