import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { budgetMigrations } from '../../durable-objects/budget-schema';
import { migrateSchema, SchemaTooNewError, schemaVersion } from '../../durable-objects/schema-migrations';

/** Storage as BudgetLedger wrote it before versions were kept: its tables, no version row. */
function writeUnversionedLedger(sql: SqlStorage): void {
  for (const table of ['schema_version', 'caps', 'usage', 'leases', 'alerts', 'ledger_outbox', 'ledger_seen'])
    sql.exec(`drop table if exists ${table}`);
  sql.exec(`
    create table caps (scope text not null, window text not null, cap_micros integer not null, primary key (scope, window));
    create table usage (window_key text not null, scope text not null, spent_micros integer not null default 0,
      reserved_micros integer not null default 0, calls integer not null default 0, primary key (window_key, scope));
    create table leases (id text primary key, scopes text not null, day_key text not null, month_key text not null,
      held_micros integer not null, expires_at integer not null,
      status text not null check (status in ('open', 'expired', 'closed')));
    create table alerts (window_key text not null, scope text not null, threshold text not null,
      spent_micros integer not null, limit_micros integer not null, fired_at integer not null,
      primary key (window_key, scope, threshold));`);
  sql.exec("insert into caps values ('global:*', 'day', 5000)");
  sql.exec("insert into usage values ('day:2026-12-01', 'global:*', 1200, 0, 3)");
  sql.exec("insert into leases values ('open-1', '[]', 'd', 'm', 10, 9999999999999, 'open')");
  sql.exec("insert into leases values ('closed-1', '[]', 'd', 'm', 10, 1, 'closed')");
}

describe('happy', () => {
  it('upgrades a ledger written before schema versions, keeping its data', async () => {
    const stub = env.BUDGET.getByName('schema-upgrade');
    await runInDurableObject(stub, (_instance, state) => {
      writeUnversionedLedger(state.storage.sql);
      expect(schemaVersion(state.storage.sql)).toBe(0);
      expect(migrateSchema(state.storage, 'BudgetLedger', budgetMigrations)).toBe(budgetMigrations.length);
      const sql = state.storage.sql;
      expect(sql.exec('select scope, cap_micros from caps').toArray()).toEqual([
        { scope: 'global:*', cap_micros: 5000 },
      ]);
      expect(sql.exec('select spent_micros, calls from usage').one()).toEqual({ spent_micros: 1200, calls: 3 });
      // The second step drops leases earlier versions kept as closed.
      expect(sql.exec('select id from leases').toArray()).toEqual([{ id: 'open-1' }]);
      expect(schemaVersion(sql)).toBe(budgetMigrations.length);
    });
  });

  it('applies nothing twice and keeps a fresh object at the latest version', async () => {
    const stub = env.BUDGET.getByName('schema-fresh');
    await stub.ping();
    await runInDurableObject(stub, (_instance, state) => {
      let runs = 0;
      const counted = [
        ...budgetMigrations,
        () => {
          runs += 1;
        },
      ];
      migrateSchema(state.storage, 'BudgetLedger', counted);
      migrateSchema(state.storage, 'BudgetLedger', counted);
      expect(runs).toBe(1);
      expect(schemaVersion(state.storage.sql)).toBe(counted.length);
    });
  });
});

describe('errors', () => {
  it('refuses storage newer than the code and rolls back a failing step', async () => {
    const stub = env.BUDGET.getByName('schema-errors');
    await stub.ping();
    await runInDurableObject(stub, (_instance, state) => {
      const at = budgetMigrations.length;
      expect(() => migrateSchema(state.storage, 'BudgetLedger', budgetMigrations.slice(0, at - 1))).toThrow(
        SchemaTooNewError,
      );
      const failing = [
        ...budgetMigrations,
        (sql: SqlStorage) => sql.exec('create table half_done (id integer)'),
        (sql: SqlStorage) => sql.exec('select * from no_such_table'),
      ];
      expect(() => migrateSchema(state.storage, 'BudgetLedger', failing)).toThrow();
      expect(schemaVersion(state.storage.sql)).toBe(at);
      expect(state.storage.sql.exec("select name from sqlite_master where name = 'half_done'").toArray()).toEqual([]);
    });
  });
});
