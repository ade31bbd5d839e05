import { Redis } from '@upstash/redis/cloudflare';
import { type DrizzleD1Database, drizzle } from 'drizzle-orm/d1';
import { QueuedAudit } from '../src/audit/queued-audit';
import { countOwnerKeys } from '../src/auth/owner-keys';
import type { Config } from '../src/config/config';
import * as d1Schema from '../src/db/d1-schema';
import { openPostgres, type PostgresHandle } from '../src/db/postgres';
import { d1Deferrer } from '../src/llm/deferrals';
import { QueuedLedger } from '../src/llm/queued-ledger';
import type { LlmRouter } from '../src/llm/router';
import { NuggetCatalogue } from '../src/memory/catalogue';
import { ChromaStore } from '../src/memory/chroma-store';
import { createEmbedder } from '../src/memory/embeddings';
import { LongTermMemory } from '../src/memory/long-term-memory';
import { buildHealthChecks } from '../src/observability/health-probes';
import type { Logger } from '../src/observability/logger';
import type { Services } from '../src/services';
import { buildRouter } from './llm';

// The Upstash client is plain fetch with no connection of its own, so one per isolate serves every request.
const redisClients = new WeakMap<Config, Redis>();

function redisFor(config: Config): Redis | undefined {
  if (!config.redis) return undefined;
  let client = redisClients.get(config);
  if (!client) {
    client = new Redis({ url: config.redis.url, token: config.redis.token });
    redisClients.set(config, client);
  }
  return client;
}

export interface RequestScope {
  log: Logger;
  background(work: Promise<unknown>): void;
  /** 0 closes idle budget leases at once (queue consumers). */
  leaseIdleMs?: number;
}

/** Wires the domain's Services to this request's bindings and clients. */
export function buildServices(env: Env, config: Config, scope: RequestScope): Services {
  let postgres: PostgresHandle | undefined;
  const openOnce = () => {
    if (!config.postgres) return undefined;
    postgres ??= openPostgres(config.postgres);
    return postgres;
  };
  const redis = () => redisFor(config);
  let d1: DrizzleD1Database<typeof d1Schema> | undefined;
  const ledger = new QueuedLedger(env.JOBS);
  const audit = new QueuedAudit(env.JOBS);
  let router: LlmRouter | undefined;
  let memory: LongTermMemory | undefined;

  return {
    get d1() {
      d1 ??= drizzle(env.DB, { schema: d1Schema });
      return d1;
    },
    postgres: openOnce,
    get redis() {
      return redis();
    },
    llm: (deferrer) => {
      const build = () =>
        buildRouter({
          env,
          config,
          log: scope.log,
          background: scope.background,
          leaseIdleMs: scope.leaseIdleMs,
          postgres: openOnce,
          redis: redis(),
          ledger,
          // Built on the first refusal only: most calls are never deferred.
          deferrer: deferrer ?? {
            defer: (request, refusal) =>
              d1Deferrer(drizzle(env.DB, { schema: d1Schema }), env.JOBS).defer(request, refusal),
          },
        });
      if (deferrer) return build();
      router ??= build();
      return router;
    },
    get memory() {
      const chroma = config.chroma;
      if (!chroma) return undefined;
      memory ??= new LongTermMemory({
        store: new ChromaStore(chroma.url),
        embedder: createEmbedder(config.embeddings),
        catalogue: (collection) => new NuggetCatalogue(drizzle(env.DB), collection),
        now: () => Date.now(),
      });
      return memory;
    },
    healthChecks: () =>
      buildHealthChecks({
        config,
        d1: env.DB,
        queue: env.JOBS,
        durableObjects: {
          budget: () => env.BUDGET.getByName('health'),
          agents: () => env.AGENTS.getByName('health'),
          swarm_runs: () => env.SWARM_RUNS.getByName('health'),
          events: () => env.EVENTS.getByName('health'),
        },
        postgres: config.postgres ? () => openOnce() as PostgresHandle : undefined,
        redis: redis(),
        ownerKeys: config.postgres ? () => countOwnerKeys((openOnce() as PostgresHandle).db) : undefined,
      }),
    audit,
    requestCostMicros: () => ledger.costMicros(),
    dispose: async () => {
      await ledger.flush();
      await audit.flush();
      await postgres?.close();
    },
  };
}
