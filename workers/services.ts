import { Redis } from '@upstash/redis/cloudflare';
import { drizzle } from 'drizzle-orm/d1';
import type { Config } from '../src/config/config';
import * as d1Schema from '../src/db/d1-schema';
import { openPostgres, type PostgresHandle } from '../src/db/postgres';
import { buildHealthChecks } from '../src/observability/health-probes';
import type { Services } from '../src/services';

/** Wires the domain's Services to this request's bindings and clients. */
export function buildServices(env: Env, config: Config): Services {
  let postgres: PostgresHandle | undefined;
  const openOnce = () => {
    if (!config.postgres) return undefined;
    postgres ??= openPostgres(config.postgres);
    return postgres;
  };
  const redis = config.redis ? new Redis({ url: config.redis.url, token: config.redis.token }) : undefined;
  const d1 = drizzle(env.DB, { schema: d1Schema });

  return {
    d1,
    postgres: openOnce,
    redis,
    healthChecks: () =>
      buildHealthChecks({
        config,
        d1: env.DB,
        queue: env.JOBS,
        durableObjects: {
          budget: () => env.BUDGET.getByName('health'),
          agents: () => env.AGENTS.getByName('health'),
          swarm_runs: () => env.SWARM_RUNS.getByName('health'),
        },
        postgres: config.postgres ? () => openOnce() as PostgresHandle : undefined,
        redis,
      }),
    dispose: async () => {
      await postgres?.close();
    },
  };
}
