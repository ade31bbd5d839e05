import { drizzle } from 'drizzle-orm/d1';
import { actionDeferrer } from '../src/agents/action-deferrer';
import { runAction } from '../src/agents/orchestrator';
import { loadConfig } from '../src/config/config';
import * as d1Schema from '../src/db/d1-schema';
import { openPostgres } from '../src/db/postgres';
import { writeLedgerEntries } from '../src/llm/postgres-ledger';
import { runDeferredCall } from '../src/llm/run-deferred';
import { createLogger } from '../src/observability/logger';
import { consumeJobs } from '../src/queue/consume';
import { recordDeadLetters } from '../src/queue/dead-letters';
import { agentClient } from './agents';
import { buildServices } from './services';

export async function handleQueue(batch: MessageBatch, env: Env, ctx: ExecutionContext): Promise<void> {
  const config = loadConfig(env);
  const log = createLogger({ queue: batch.queue });
  const d1 = drizzle(env.DB, { schema: d1Schema });
  if (batch.queue === config.deadLetterQueue) {
    const recorded = await recordDeadLetters(batch, d1);
    log.warn('dead letters recorded', { count: recorded });
    return;
  }
  const services = buildServices(env, config, { log, background: (work) => ctx.waitUntil(work) });
  try {
    await consumeJobs(
      batch,
      {
        probe: { each: async () => {} },
        'ledger.entries': {
          all: async (messages) => {
            const postgres = config.postgres ? openPostgres(config.postgres) : undefined;
            // Without Postgres the entries have nowhere to go; retrying keeps them until it is back.
            if (!postgres) throw new Error('DATABASE_URL is not configured: the spend ledger cannot be written');
            try {
              await writeLedgerEntries(
                postgres.db,
                messages.flatMap((message) => message.entries),
              );
            } finally {
              await postgres.close();
            }
          },
        },
        'agent.action': {
          each: async (message) => {
            const postgres = services.postgres();
            if (!postgres) throw new Error('DATABASE_URL is not configured: actions cannot run');
            await runAction(message.actionId, {
              db: postgres.db,
              router: services.llm(actionDeferrer(postgres.db, env.JOBS, message.actionId)),
              agent: (id) => agentClient(env, id),
              log,
            });
          },
        },
        'llm.deferred': {
          each: (message) =>
            runDeferredCall(message.deferralId, {
              db: d1,
              queue: env.JOBS,
              routerWith: (deferrer) => services.llm(deferrer),
            }),
        },
      },
      log,
    );
  } finally {
    ctx.waitUntil(services.dispose());
  }
}
