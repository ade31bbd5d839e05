import { agentMigrations } from '../durable-objects/agent-schema';
import { budgetMigrations } from '../durable-objects/budget-schema';
import { BUDGET_LEDGER_NAME } from '../durable-objects/clients';
import { swarmMigrations } from '../durable-objects/swarm-store';
import { agentIds } from '../src/agents/personas';
import { ChromaCollections } from '../src/backup/chroma-collections';
import type { DurableObjectClass, DurableObjectsPort, StateHolder } from '../src/backup/state-dump';
import { accessHeaders, type Config } from '../src/config/config';
import { unfinishedRunIds } from '../src/reactor/run-index';
import type { Services } from '../src/services';
import type { BackupPort } from '../src/workflows/backup-port';

/** The objects a backup holds and any object of their classes by name, through this Worker's bindings. */
export function durableObjectsPort(env: Env, services: Pick<Services, 'postgres'>): DurableObjectsPort {
  const namespaces: Record<DurableObjectClass, (name: string) => StateHolder> = {
    BudgetLedger: (name) => env.BUDGET.getByName(name),
    BrainAgent: (name) => env.AGENTS.getByName(name),
    SwarmRun: (name) => env.SWARM_RUNS.getByName(name),
  };
  return {
    async objects() {
      const db = services.postgres()?.db;
      const runs = db ? await unfinishedRunIds(db) : [];
      return [
        { class: 'BudgetLedger' as const, name: BUDGET_LEDGER_NAME },
        ...agentIds.map((name) => ({ class: 'BrainAgent' as const, name })),
        ...runs.map((name) => ({ class: 'SwarmRun' as const, name })),
      ];
    },
    holder: (objectClass, name) => namespaces[objectClass](name),
    schemaVersions: {
      BudgetLedger: budgetMigrations.length,
      BrainAgent: agentMigrations.length,
      SwarmRun: swarmMigrations.length,
    },
  };
}

export function chromaCollections(config: Config): ChromaCollections | undefined {
  return config.chroma ? new ChromaCollections(config.chroma.url, accessHeaders(config.cfAccess)) : undefined;
}

/** The nightly backup's bucket, sources and retention. */
export function backupPort(env: Env, config: Config, services: Services): BackupPort {
  return {
    bucket: env.BACKUPS,
    d1: env.DB,
    drillD1: env.DB_RESTORE_DRILL,
    postgres: () => services.postgres()?.pool,
    postgresSchema: config.workflows.backupPostgresSchema,
    keep: config.workflows.backupRetention,
    durableObjects: durableObjectsPort(env, services),
    chroma: () => chromaCollections(config),
  };
}
