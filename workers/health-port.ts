import { agentObject, budgetLedger, swarmRunObject } from '../durable-objects/clients';
import { readBooks } from '../src/budget/books';
import { budgetSettings } from '../src/budget/settings';
import type { Config } from '../src/config/config';
import { parseStored } from '../src/lib/redis-rest';
import type { CacheStore } from '../src/llm/cache-audit';
import type { Services } from '../src/services';
import type { HealthPort } from '../src/workflows/health-port';
import { globalSpendToday, llmCallsSince, recentActiveSwarmRunIds } from '../src/workflows/health-readings';
import { pauseEveryAgent, stopRunningSwarmRuns } from '../src/workflows/health-remedies';
import { changingAgent } from './brain-summaries';

/** The health check's readings and remedies over this Worker's bindings. */
export function healthPort(env: Env, config: Config, services: Services): HealthPort {
  const redis = services.redis;
  const responseCache: CacheStore | undefined = redis && {
    scan: (cursor, limit) => redis.scan(cursor, { match: 'llm:cache:*', count: limit }),
    values: async (keys) => (await redis.mget(keys)).map(parseStored),
    delete: (keys) => redis.del(keys),
  };
  return {
    thresholds: config.workflows.health,
    retention: config.workflows.retention,
    spendToday: async () => globalSpendToday(await budgetLedger(env).snapshot(), budgetSettings(config)),
    async llmCallsSince(since) {
      const postgres = services.postgres();
      return postgres ? llmCallsSince(postgres.db, since) : undefined;
    },
    async pauseSwarmRuns() {
      const postgres = services.postgres();
      if (!postgres) return [];
      return stopRunningSwarmRuns(await recentActiveSwarmRunIds(postgres.db), (id) => swarmRunObject(env, id));
    },
    pauseAgents: () =>
      pauseEveryAgent((id) => {
        const stub = agentObject(env, id);
        return {
          status: async () => (await stub.snapshot(id)).status,
          pause: () => changingAgent(stub.setPaused(id, true)),
        };
      }, services.postgres()?.db),
    responseCache,
    auditLog: () => services.postgres()?.db,
    async books() {
      const postgres = services.postgres();
      if (!postgres) return undefined;
      const { rows, status } = await readBooks(budgetLedger(env), postgres.db);
      return { rows, pendingRows: status.pendingRows, oldestPendingAt: status.oldestPendingAt };
    },
  };
}
