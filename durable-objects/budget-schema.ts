import type { SchemaMigration } from './schema-migrations';

/** The ledger's schema steps, oldest first (see schema-migrations.ts). */
export const budgetMigrations: readonly SchemaMigration[] = [
  (sql) =>
    sql.exec(`
  create table if not exists caps (
    scope text not null, window text not null, cap_micros integer not null,
    primary key (scope, window));
  create table if not exists usage (
    window_key text not null, scope text not null,
    spent_micros integer not null default 0, reserved_micros integer not null default 0,
    calls integer not null default 0,
    primary key (window_key, scope));
  create table if not exists leases (
    id text primary key, scopes text not null, day_key text not null, month_key text not null,
    held_micros integer not null, expires_at integer not null,
    status text not null check (status in ('open', 'expired', 'closed')));
  create index if not exists leases_open on leases (status, expires_at);
  create table if not exists alerts (
    window_key text not null, scope text not null, threshold text not null,
    spent_micros integer not null, limit_micros integer not null, fired_at integer not null,
    primary key (window_key, scope, threshold));`),
  // A closed lease leaves no row; earlier versions kept them as 'closed'.
  (sql) => sql.exec("delete from leases where status = 'closed'"),
  // Ledger rows are stored here with the spend they charge (ledger-rows.ts). A lease tracks the
  // cost its rows have brought, what its holder said it spent at close, and what its expiry charged.
  (sql) =>
    sql.exec(`
      alter table leases add column recorded_micros integer not null default 0;
      alter table leases add column closed_spent integer;
      alter table leases add column expiry_left integer not null default 0;
      create table ledger_outbox (
        seq integer primary key autoincrement, call_id text not null unique, row text not null,
        scopes text not null, day_key text not null, month_key text not null,
        cost_micros integer not null, at integer not null);
      create table ledger_seen (call_id text primary key, at integer not null);
      create index ledger_seen_at on ledger_seen (at);`),
];
