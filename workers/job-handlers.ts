import { agentObject, budgetLedger, swarmRunObject } from '../durable-objects/clients';
import { actionDeferrer } from '../src/agents/action-deferrer';
import { findAction } from '../src/agents/actions-store';
import { runAction } from '../src/agents/orchestrator';
import { forgetAuditEntries } from '../src/audit/audit-outbox';
import { writeAuditEntries } from '../src/audit/postgres-audit';
import { presentSnapshot } from '../src/budget/present';
import { budgetSettings } from '../src/budget/settings';
import { actionReplyText, type ChatReplyTarget, telegramSender } from '../src/channels/action-reply';
import type { Config } from '../src/config/config';
import { openPostgres, type PostgresDatabase } from '../src/db/postgres';
import { deferOverBudget, retryJobOverBudget } from '../src/llm/over-budget-policy';
import { runDeferredCall } from '../src/llm/run-deferred';
import type { Logger } from '../src/observability/logger';
import type { JobHandlers } from '../src/queue/consume';
import { fromLedgerMessage } from '../src/queue/messages';
import { finalizeRun } from '../src/reactor/finalize-run';
import { importLeadsOfFinishedRun } from '../src/reactor/import-leads';
import { runSwarmJobs } from '../src/reactor/swarm-consumer';
import type { Services } from '../src/services';
import { agentClient } from './agents';
import { deferredRunDeps } from './deferred-calls';
import { startTaskWith } from './run-task-action';
import { swarmRun } from './swarm';

export function jobHandlers(env: Env, config: Config, services: Services, log: Logger): JobHandlers {
  const postgresOrFail = (purpose: string) => {
    const postgres = services.postgres();
    if (!postgres) throw new Error(`DATABASE_URL is not configured: ${purpose}`);
    return postgres;
  };
  /** An /ask from Telegram: its answer (or its wait for budget) goes back under the question. */
  const replyInChat = async (actionId: string, target: ChatReplyTarget, db: PostgresDatabase) => {
    const bot = config.telegramBot;
    const action = await findAction(db, actionId);
    const text = action && actionReplyText(action, target);
    if (!bot || !text) return;
    await telegramSender(bot)
      .send(target, text)
      .catch((error: unknown) => log.error('ask answer not delivered', { actionId, error: String(error) }));
  };
  return {
    probe: { each: async () => {} },
    'ledger.entries': {
      // Rows sent by earlier versions through the queue: stored like any other, once per call id.
      all: async (messages) => {
        await budgetLedger(env).record(messages.flatMap((message) => message.entries.map(fromLedgerMessage)));
      },
    },
    'audit.entries': {
      all: async (messages) => {
        // Retried until Postgres takes them, then the dead-letter queue keeps them.
        if (!config.postgres) throw new Error('DATABASE_URL is not configured: the audit log cannot be written');
        const postgres = openPostgres(config.postgres);
        const entries = messages.flatMap((message) => message.entries);
        try {
          await writeAuditEntries(postgres.db, entries);
        } finally {
          await postgres.close();
        }
        await forgetAuditEntries(
          services.d1,
          entries.map((entry) => entry.entryId),
        );
      },
    },
    'agent.action': {
      each: async (message) => {
        const postgres = postgresOrFail('actions cannot run');
        const deferrer = actionDeferrer(postgres.db, env.JOBS, message.actionId, message.reply);
        const ran = await runAction(message.actionId, {
          db: postgres.db,
          router: services.llm(deferOverBudget(deferrer)),
          agent: (id) => agentClient(env, id),
          log,
          audit: services.audit,
          memory: services.memory,
          tools: {
            crm: services.d1,
            memory: services.memory,
            settings: config.tools,
            budget: async () => presentSnapshot(await budgetLedger(env).snapshot(), budgetSettings(config)),
            startTask: async (task, inputs, requestedBy) => {
              const run = await startTaskWith(env, services.postgres(), task, inputs, requestedBy);
              return { runId: run.runId, total: run.total };
            },
          },
        });
        if (ran && message.reply) await replyInChat(message.actionId, message.reply, postgres.db);
      },
    },
    'llm.deferred': {
      each: (message) => runDeferredCall(message.deferralId, deferredRunDeps(env, services)),
    },
    'swarm.job': {
      settle: (deliveries) =>
        runSwarmJobs(deliveries, {
          run: (runId) => swarmRun(env, runId),
          // A swarm job waits on the queue instead of making a deferral: the run keeps it in flight.
          router: services.llm(retryJobOverBudget),
          agentPaused: async (agent) => (await agentObject(env, agent).summary(agent)).status === 'paused',
          queue: env.JOBS,
          log,
          // A local batch is at most 100 jobs; all of them wait on the network, not the CPU.
          concurrency: 100,
          retryBaseSeconds: config.queueRetryBaseSeconds,
          tools: { settings: config.tools, audit: services.audit },
        }),
    },
    'swarm.finalize': {
      each: async (message) => {
        await finalizeRun(message.runId, swarmRun(env, message.runId), services.llm(retryJobOverBudget));
        const status = await swarmRunObject(env, message.runId).status();
        const summary = await importLeadsOfFinishedRun(services.d1, message.runId, status);
        if (summary) log.info('leads imported from swarm run', { runId: message.runId, ...summary });
        // The run's object copies its end to the Postgres run index itself.
      },
    },
  };
}
