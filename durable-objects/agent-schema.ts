import type { SchemaMigration } from './schema-migrations';

/** The agent's schema steps, oldest first (see schema-migrations.ts). */
export const agentMigrations: readonly SchemaMigration[] = [
  (sql) =>
    sql.exec(`
  create table if not exists agent (
    id integer primary key check (id = 1), agent text not null, status text not null,
    action_id text, task_summary text, last_error text,
    tasks integer not null default 0, tokens_in integer not null default 0,
    tokens_out integer not null default 0, cost_micros integer not null default 0,
    updated_at integer not null);
  create table if not exists turns (
    seq integer primary key autoincrement, role text not null, content text not null, at integer not null);`),
];
