import { budgetLedger, dashboardEvents } from '../durable-objects/clients';
import { fanOutBudgetAlerts } from '../src/budget/alert-fanout';
import { LeaseGate, LeasePool } from '../src/budget/lease-gate';
import { budgetSettings } from '../src/budget/settings';
import type { BudgetAlert } from '../src/budget/types';
import { configuredAlerter } from '../src/channels/alerts/configured';
import { accessHeaders, type Config } from '../src/config/config';
import type { PostgresHandle } from '../src/db/postgres';
import type { Outage } from '../src/lib/outage';
import type { RedisRest } from '../src/lib/redis-rest';
import { catalogueProviders, loadCatalogue } from '../src/llm/catalogue-store';
import { CircuitBreaker } from '../src/llm/circuit-breaker';
import type { EmbeddingsResult } from '../src/llm/embeddings-types';
import type { LedgerWriter } from '../src/llm/ledger';
import type { OverBudgetPolicy } from '../src/llm/over-budget-policy';
import type { RouterPolicy } from '../src/llm/policy';
import type { ProviderDefinition } from '../src/llm/provider-definitions';
import { configuredProviders } from '../src/llm/providers/configured';
import { type ProviderRegistry, providersFromConfig } from '../src/llm/providers/registry';
import { redisResponseCache } from '../src/llm/redis-cache';
import { LlmRouter } from '../src/llm/router';
import type { Logger } from '../src/observability/logger';

// Per isolate: budget leases, breaker state and SDK clients outlive requests.
const leasePool = new LeasePool();
interface IsolateState {
  policy: RouterPolicy;
  breaker: CircuitBreaker;
  providers: ProviderRegistry;
  /** Providers added by configuration, built once per catalogue copy (a new copy is a new array). */
  configured: WeakMap<readonly ProviderDefinition[], ProviderRegistry>;
}
const isolates = new WeakMap<Config, IsolateState>();

function isolateState(config: Config) {
  let state = isolates.get(config);
  if (!state) {
    const policy = config.routerPolicy;
    state = {
      policy,
      breaker: new CircuitBreaker(policy.breaker),
      providers: providersFromConfig(config, policy.timeoutMs),
      configured: new WeakMap(),
    };
    isolates.set(config, state);
  }
  return state;
}

export interface RouterWiring {
  env: Env;
  config: Config;
  log: Logger;
  background(work: Promise<unknown>): void;
  postgres(): PostgresHandle | undefined;
  redis: RedisRest | undefined;
  redisOutage: Outage | undefined;
  ledger: LedgerWriter;
  overBudget: OverBudgetPolicy;
  /** 0 for queue consumers: see GateContext.idleCloseMs. */
  leaseIdleMs?: number;
}

/** Budget alerts go to the dashboard and to every configured alert sink (Telegram, e-mail, webhook). */
export function budgetAlertHandler(wiring: Pick<RouterWiring, 'env' | 'config' | 'log' | 'background'>) {
  return (alerts: BudgetAlert[]) => {
    const { config } = wiring;
    fanOutBudgetAlerts(alerts, budgetSettings(config), {
      log: wiring.log,
      dashboard: dashboardEvents(wiring.env),
      alerts: configuredAlerter(config, wiring.log),
      background: wiring.background,
    });
  };
}

/** The providers added by configuration in the catalogue copy in hand, with this isolate's secrets. */
function catalogueRegistry(wiring: RouterWiring, state: IsolateState): ProviderRegistry {
  const definitions = catalogueProviders();
  const timeoutMs = state.policy.timeoutMs;
  let registry = state.configured.get(definitions);
  if (!registry) {
    const options = { timeoutMs };
    // Secrets set with `wrangler secret put` are plain properties of the env, read by the names stored.
    const secrets = wiring.env as unknown as Record<string, unknown>;
    registry = configuredProviders(definitions, secrets, options, accessHeaders(wiring.config.cfAccess));
    state.configured.set(definitions, registry);
  }
  return registry;
}

export function buildRouter(wiring: RouterWiring): LlmRouter {
  const state = isolateState(wiring.config);
  const { policy, breaker } = state;
  // This router's own registry: the built-ins, joined by the configured providers of the catalogue
  // it plans with, which the router always loads before it looks a provider up.
  const providers: ProviderRegistry = { ...state.providers };
  const catalogue = async () => {
    const models = await loadCatalogue(() => wiring.postgres()?.db);
    Object.assign(providers, catalogueRegistry(wiring, state), state.providers);
    return models;
  };
  // Most calls are served from a lease in memory: the stub is made only when the ledger is asked.
  const ledger = () => budgetLedger(wiring.env);
  const gate = new LeaseGate(leasePool, {
    ledger: { draw: (request) => ledger().draw(request), close: (close) => ledger().close(close) },
    background: wiring.background,
    idleCloseMs: wiring.leaseIdleMs,
    onAlerts: budgetAlertHandler(wiring),
  });
  return new LlmRouter({
    policy,
    catalogue,
    providers,
    breaker,
    gate,
    ledger: wiring.ledger,
    overBudget: wiring.overBudget,
    cache:
      wiring.redis && wiring.redisOutage
        ? redisResponseCache(wiring.redis, wiring.config.cacheTtlSeconds, wiring.redisOutage, wiring.log)
        : undefined,
    embeddingsCache:
      wiring.redis && wiring.redisOutage
        ? redisResponseCache<EmbeddingsResult>(
            wiring.redis,
            wiring.config.cacheTtlSeconds,
            wiring.redisOutage,
            wiring.log,
          )
        : undefined,
    log: wiring.log,
  });
}
