import { and, count, gte, inArray, sql } from 'drizzle-orm';
import { createAction } from '../src/agents/actions-store';
import { agentIds } from '../src/agents/personas';
import { readBooks } from '../src/budget/books';
import { budgetSettings } from '../src/budget/settings';
import type { Config } from '../src/config/config';
import { spendLedger, swarmRuns } from '../src/db/pg-schema';
import type { CacheStore } from '../src/llm/cache-audit';
import type { Services } from '../src/services';
import type { HealthPort } from '../src/workflows/health-port';

const REQUESTED_BY = 'workflow:health_check';
// Runs older than this are not looked at: a swarm run lives minutes to hours.
const RUN_LOOKBACK_MS = 7 * 86_400_000;

/** The health check's readings and remedies over this Worker's bindings. */
export function healthPort(env: Env, config: Config, services: Services): HealthPort {
  const redis = services.redis;
  const responseCache: CacheStore | undefined = redis && {
    scan: (cursor, limit) => redis.scan(cursor, { match: 'llm:cache:*', count: limit }),
    values: (keys) => redis.mget<unknown[]>(...keys),
    delete: (keys) => redis.del(...keys),
  };
  return {
    thresholds: config.workflows.health,
    async spendToday() {
      const settings = budgetSettings(config);
      const snapshot = await env.BUDGET.getByName('global').snapshot();
      const today = snapshot.usage.find((row) => row.scope.kind === 'global' && row.window === 'day');
      return {
        spentMicros: today?.spentMicros ?? 0,
        capMicros: today?.capMicros ?? settings.defaultDailyCapMicros,
        p1Micros: settings.p1DailyMicros,
      };
    },
    async llmCallsSince(since) {
      const postgres = services.postgres();
      if (!postgres) return undefined;
      const [row] = await postgres.db
        .select({ calls: count(), errors: sql<number>`count(*) filter (where ${spendLedger.status} = 'error')` })
        .from(spendLedger)
        .where(gte(spendLedger.at, new Date(since)));
      return { calls: Number(row?.calls ?? 0), errors: Number(row?.errors ?? 0) };
    },
    async pauseSwarmRuns() {
      const postgres = services.postgres();
      if (!postgres) return [];
      const candidates = await postgres.db
        .select({ id: swarmRuns.id })
        .from(swarmRuns)
        .where(
          and(
            inArray(swarmRuns.status, ['running', 'reducing']),
            gte(swarmRuns.createdAt, new Date(Date.now() - RUN_LOOKBACK_MS)),
          ),
        )
        .limit(200);
      const stopped: string[] = [];
      for (const { id } of candidates) {
        const stub = env.SWARM_RUNS.getByName(id);
        const status = await stub.status();
        if (status?.progress.status !== 'running' && status?.progress.status !== 'reducing') continue;
        await stub.cancel();
        stopped.push(id);
      }
      return stopped;
    },
    async pauseAgents() {
      const paused: string[] = [];
      for (const id of agentIds) {
        const stub = env.AGENTS.getByName(id);
        if ((await stub.snapshot(id)).status === 'paused') continue;
        await stub.setPaused(id, true);
        paused.push(id);
      }
      const postgres = services.postgres();
      // The same audit row as a pause through POST /api/action or a chat command.
      if (postgres && paused.length > 0) {
        await createAction(postgres.db, {
          id: crypto.randomUUID(),
          action: 'pause',
          input: 'health check thresholds tripped',
          priority: 'high',
          agents: paused,
          requestedBy: REQUESTED_BY,
          status: 'done',
        });
      }
      return paused;
    },
    responseCache,
    auditLog: () => services.postgres()?.db,
    async books() {
      const postgres = services.postgres();
      if (!postgres) return undefined;
      const { rows, status } = await readBooks(env.BUDGET.getByName('global'), postgres.db);
      return { rows, pendingRows: status.pendingRows, oldestPendingAt: status.oldestPendingAt };
    },
  };
}
