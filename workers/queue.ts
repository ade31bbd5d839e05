import { budgetLedger } from '../durable-objects/clients';
import { keepAuditEntries } from '../src/audit/audit-outbox';
import { loadConfig } from '../src/config/config';
import { LedgerQueue } from '../src/llm/ledger-outbox';
import { createLogger } from '../src/observability/logger';
import { consumeJobs } from '../src/queue/consume';
import { rescueEntries } from '../src/queue/dead-letter-rescue';
import { recordDeadLetters } from '../src/queue/dead-letters';
import { swarmJobMessage } from '../src/queue/messages';
import { jobHandlers } from './job-handlers';
import { buildServices } from './services';
import { swarmRun } from './swarm';

const LEDGER_LINGER_MS = 5;

/** A swarm job that used up its tries ends as failed in its run, with its last error, so the run can still finish. */
async function failDeadSwarmJobs(batch: MessageBatch, env: Env): Promise<void> {
  for (const message of batch.messages) {
    const parsed = swarmJobMessage.safeParse(message.body);
    if (!parsed.success) continue;
    const { runId, job } = parsed.data;
    // The run asks for its reduce step itself if this was its last open job.
    await swarmRun(env, runId).report([
      {
        job,
        execution: `dead-letter:${message.id}`,
        costMicros: 0,
        // An empty error keeps the last one the job reported.
        outcome: { ok: false, error: '', final: true },
      },
    ]);
  }
}

export async function handleQueue(batch: MessageBatch, env: Env, ctx: ExecutionContext): Promise<void> {
  const config = loadConfig(env);
  const log = createLogger({ queue: batch.queue });
  const services = buildServices(env, config, {
    log,
    background: (work) => ctx.waitUntil(work),
    leaseIdleMs: 0,
    // A batch's swarm jobs answer within milliseconds of each other: their rows share a store, and
    // with a queue of their own every call waiting is this batch's, woken the moment it is stored.
    ledgerLingerMs: LEDGER_LINGER_MS,
    ledgerQueue: new LedgerQueue(),
  });
  try {
    if (batch.queue === config.deadLetterQueue) {
      await failDeadSwarmJobs(batch, env);
      // Entries that ran out of retries wait in stores that keep them until Postgres is back.
      const rescued = await rescueEntries(
        batch.messages.map((message) => message.body),
        {
          recordLedger: (entries) => budgetLedger(env).record(entries),
          keepAudit: (entries) => keepAuditEntries(services.d1, entries),
        },
      );
      const recorded = await recordDeadLetters(batch, services.d1);
      log.warn('dead letters recorded', { count: recorded, ...rescued });
      return;
    }
    await consumeJobs(batch, jobHandlers(env, config, services, log), log, config.queueRetryBaseSeconds);
    // The batch's messages are acknowledged when this returns: their audit entries are kept first.
    await services.audit.keep();
  } finally {
    ctx.waitUntil(services.dispose());
  }
}
