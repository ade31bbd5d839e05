import { type DrizzleD1Database, drizzle } from 'drizzle-orm/d1';
import { budgetLedger, healthProbes } from '../durable-objects/clients';
import { QueuedAudit } from '../src/audit/queued-audit';
import { keysDueForRotation } from '../src/auth/key-store';
import { countOwnerKeys } from '../src/auth/owner-keys';
import { accessHeaders, type Config } from '../src/config/config';
import * as d1Schema from '../src/db/d1-schema';
import { openPostgres, type PostgresHandle } from '../src/db/postgres';
import { errorMessage } from '../src/lib/error-message';
import { type Outage, outageFor } from '../src/lib/outage';
import { RedisRest } from '../src/lib/redis-rest';
import { d1Deferrer } from '../src/llm/deferrals';
import { LedgerOutbox, type LedgerQueue } from '../src/llm/ledger-outbox';
import { deferOverBudget, type OverBudgetPolicy } from '../src/llm/over-budget-policy';
import type { LlmRouter } from '../src/llm/router';
import { NuggetCatalogue } from '../src/memory/catalogue';
import { ChromaStore } from '../src/memory/chroma-store';
import { createEmbedder } from '../src/memory/embeddings';
import { LongTermMemory } from '../src/memory/long-term-memory';
import { buildHealthChecks } from '../src/observability/health-probes';
import type { Logger } from '../src/observability/logger';
import type { Services } from '../src/services';
import { lastReadRefusal } from '../src/social/read-access';
import { budgetAlertHandler, buildRouter } from './llm';

const redisClients = new WeakMap<Config, RedisRest>();

/**
 * Every Redis call has a fallback (a per-isolate limiter, D1 claims, no cache), so a slow Redis
 * must not hold a request: each call gets this long, with no retries. Once a call fails, Redis is
 * treated as down for REDIS_RETRY_MS and callers go straight to their fallback; then one call
 * tries it again.
 */
const REDIS_TIMEOUT_MS = 500;
const REDIS_RETRY_MS = 5_000;

function redisFor(config: Config): RedisRest | undefined {
  if (!config.redis) return undefined;
  let client = redisClients.get(config);
  if (!client) {
    client = new RedisRest({ url: config.redis.url, token: config.redis.token, timeoutMs: REDIS_TIMEOUT_MS });
    redisClients.set(config, client);
  }
  return client;
}

export interface RequestScope {
  log: Logger;
  background(work: Promise<unknown>): void;
  /** 0 closes idle budget leases at once (queue consumers). */
  leaseIdleMs?: number;
  /** How long ledger rows wait to share a store (queue consumers; see LedgerOutbox). */
  ledgerLingerMs?: number;
  /** Ledger rows waiting to be stored; the isolate's shared queue unless the request brings its own. */
  ledgerQueue?: LedgerQueue;
  /** The HTTP request being served, so memory's embedding calls share its id in the ledger. */
  requestId?: string;
}

/**
 * Wires the domain's Services to this request's bindings and clients. A class, with its getters
 * on the prototype: built as an object literal with getters, services kept the whole request
 * alive through every scavenge until the next full collection (docs/latency-notes.md).
 */
class WorkerServices implements Services {
  readonly audit: QueuedAudit;
  private readonly ledger: LedgerOutbox;
  private d1Database?: DrizzleD1Database<typeof d1Schema>;
  private postgresHandle?: PostgresHandle;
  private router?: LlmRouter;
  private longTermMemory?: LongTermMemory;

  constructor(
    private readonly env: Env,
    private readonly config: Config,
    private readonly scope: RequestScope,
  ) {
    this.ledger = new LedgerOutbox({
      store: () => budgetLedger(env),
      background: scope.background,
      lingerMs: scope.ledgerLingerMs,
      queue: scope.ledgerQueue,
      onAlerts: budgetAlertHandler({ env, config, log: scope.log, background: scope.background }),
      onError: (error) =>
        scope.log.error('ledger rows not stored yet; kept for the next store', {
          error: errorMessage(error),
        }),
    });
    this.audit = new QueuedAudit(
      () => this.d1,
      env.JOBS,
      (error) =>
        scope.log.error('audit entries not kept in D1 yet', {
          error: errorMessage(error),
        }),
    );
  }

  get d1(): DrizzleD1Database<typeof d1Schema> {
    this.d1Database ??= drizzle(this.env.DB, { schema: d1Schema });
    return this.d1Database;
  }

  postgres(): PostgresHandle | undefined {
    if (!this.config.postgres) return undefined;
    this.postgresHandle ??= openPostgres(this.config.postgres);
    return this.postgresHandle;
  }

  get redis(): RedisRest | undefined {
    return redisFor(this.config);
  }

  get redisOutage(): Outage | undefined {
    return this.config.redis ? outageFor('redis', this.config.redis.url, REDIS_RETRY_MS) : undefined;
  }

  llm(overBudget?: OverBudgetPolicy): LlmRouter {
    if (overBudget) return this.buildRouter(overBudget);
    this.router ??= this.buildRouter(undefined);
    return this.router;
  }

  private buildRouter(overBudget: OverBudgetPolicy | undefined): LlmRouter {
    const { env, config, scope } = this;
    return buildRouter({
      env,
      config,
      log: scope.log,
      background: scope.background,
      leaseIdleMs: scope.leaseIdleMs,
      postgres: () => this.postgres(),
      redis: this.redis,
      redisOutage: this.redisOutage,
      ledger: this.ledger,
      // Built on the first refusal only: most calls are never deferred.
      overBudget:
        overBudget ??
        deferOverBudget({
          defer: (request, refusal) =>
            d1Deferrer(drizzle(env.DB, { schema: d1Schema }), env.JOBS).defer(request, refusal),
        }),
    });
  }

  get memory(): LongTermMemory | undefined {
    const chroma = this.config.chroma;
    if (!chroma) return undefined;
    this.longTermMemory ??= new LongTermMemory({
      store: new ChromaStore(chroma.url, accessHeaders(this.config.cfAccess)),
      embedder: createEmbedder(this.config.embeddings, {
        router: { embed: (request) => this.llm().embed(request) },
        requestId: this.scope.requestId ?? crypto.randomUUID(),
      }),
      catalogue: (collection) => new NuggetCatalogue(drizzle(this.env.DB), collection),
      now: () => Date.now(),
    });
    return this.longTermMemory;
  }

  healthChecks() {
    const { env, config } = this;
    const postgres = config.postgres ? () => this.postgres() as PostgresHandle : undefined;
    return buildHealthChecks({
      config,
      d1: env.DB,
      queue: env.JOBS,
      durableObjects: healthProbes(env),
      postgres,
      redis: this.redis,
      ownerKeys: postgres ? () => countOwnerKeys(postgres().db) : undefined,
      keysDueForRotation: postgres ? () => keysDueForRotation(postgres().db) : undefined,
      channels: { xReadRefusal: () => lastReadRefusal(drizzle(env.DB, { schema: d1Schema })) },
    });
  }

  requestCostMicros(): number {
    return this.ledger.costMicros();
  }

  async dispose(): Promise<void> {
    await this.audit.flush();
    await this.postgresHandle?.close();
  }
}

export function buildServices(env: Env, config: Config, scope: RequestScope): Services {
  return new WorkerServices(env, config, scope);
}
