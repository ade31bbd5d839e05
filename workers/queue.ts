import { drizzle } from 'drizzle-orm/d1';
import { loadConfig } from '../src/config/config';
import * as d1Schema from '../src/db/d1-schema';
import { createLogger } from '../src/observability/logger';
import { consumeJobs, type JobHandlers } from '../src/queue/consume';
import { recordDeadLetters } from '../src/queue/dead-letters';

const handlers: JobHandlers = {
  probe: async () => {},
};

export async function handleQueue(batch: MessageBatch, env: Env): Promise<void> {
  const config = loadConfig(env);
  const log = createLogger({ queue: batch.queue });
  if (batch.queue === config.deadLetterQueue) {
    const recorded = await recordDeadLetters(batch, drizzle(env.DB, { schema: d1Schema }));
    log.warn('dead letters recorded', { count: recorded });
    return;
  }
  await consumeJobs(batch, handlers, log);
}
