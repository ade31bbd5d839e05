import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymiseDailySpend, foldOldLedgerDetail } from '../../src/budget/ledger-rollup';
import { spendBetween, spendGroups } from '../../src/budget/spend-query';
import { openPostgres } from '../../src/db/postgres';
import { ledgerCostByScope } from '../../src/llm/postgres-ledger';

// Postgres is shared by every test file, so this one works in an era nobody else writes to (March
// 2000) and folds with a clock set to then: only its own rows are old enough to fold.

const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
const client = `rollup-${crypto.randomUUID().slice(0, 8)}`;
const user = `Person-${client}@Example.com`;
const ROWS = 12_000;
const eraStart = new Date(Date.UTC(2000, 2, 1));
const eraEnd = new Date(Date.UTC(2000, 3, 1));
const foldClock = Date.UTC(2001, 0, 1);

// Three days, two budget windows a day (one call in ten was charged to the day before, as a lease
// opened before midnight is), agents, runs, models, statuses, cache hits and end users all mixed.
beforeAll(async () => {
  await postgres.pool.query(
    `insert into spend_ledger (call_id, request_id, kind, at, provider, model, tokens_in, tokens_out, cost_micros,
       status, cache_hit, scope_agent, scope_task, scope_run, scope_client, budget_day, budget_month, end_user, metadata)
     select $1 || '-' || n, $1, 'call', $2::timestamptz + (n % 3) * interval '1 day' + (n % 1440) * interval '1 minute',
       case when n % 4 = 0 then 'anthropic' else 'moonshot' end,
       case when n % 4 = 0 then 'anthropic/claude-haiku' else 'moonshot/kimi' end,
       n % 997, n % 89, (n * 7919) % 1000003, (array['ok','ok','error','cached'])[1 + n % 4]::call_status,
       n % 4 = 3, (array['ceo','mouth',null])[1 + n % 3], 'task-' || (n % 5), 'run-' || (n % 7), $1,
       'day:2000-03-0' || (1 + n % 3 - case when n % 10 = 0 and n % 3 > 0 then 1 else 0 end), 'month:2000-03',
       case when n % 6 = 0 then $3 when n % 6 = 1 then 'someone-else' end, '{"k":"v"}'::jsonb
     from generate_series(1, $4) n`,
    [client, eraStart.toISOString(), user, ROWS],
  );
});

afterAll(async () => {
  await postgres.pool.query('delete from spend_ledger where scope_client = $1', [client]);
  await postgres.pool.query('delete from spend_ledger_daily where scope_client = $1', [client]);
  await postgres.close();
});

/** What reconciliation compares for this test's client, per scope and window. */
async function booksOf() {
  const keys = ['day:2000-03-01', 'day:2000-03-02', 'day:2000-03-03'];
  const rows = (await Promise.all(keys.map((day) => ledgerCostByScope(postgres.db, day, 'month:2000-03')))).flat();
  const ours = await postgres.pool.query<{ label: string }>(
    `select distinct unnest(array['agent:' || scope_agent, 'task:' || scope_task, 'run:' || scope_run]) as label
     from (select scope_agent, scope_task, scope_run from spend_ledger where scope_client = $1
           union select scope_agent, scope_task, scope_run from spend_ledger_daily where scope_client = $1) s`,
    [client],
  );
  const labels = new Set([`client:${client}`, ...ours.rows.map((row) => row.label)]);
  const sums = new Map(
    rows.filter((row) => labels.has(row.scope)).map((row) => [`${row.windowKey}|${row.scope}`, row.costMicros]),
  );
  return Object.fromEntries([...sums].sort());
}

async function reportsOf() {
  const reports = await Promise.all(spendGroups.map((group) => spendBetween(postgres.db, eraStart, eraEnd, group)));
  const forUser = await spendBetween(postgres.db, eraStart, eraEnd, 'day', { user });
  return { reports, forUser };
}

const count = async (table: string) =>
  Number((await postgres.pool.query(`select count(*) from ${table} where scope_client = $1`, [client])).rows[0]?.count);

describe('folding old ledger detail', () => {
  it('keeps every sum per scope and window and every report, and a second run changes nothing', async () => {
    const books = await booksOf();
    const reports = await reportsOf();
    expect(Object.keys(books).length).toBeGreaterThan(20);
    expect(books[`month:2000-03|client:${client}`]).toBeGreaterThan(0);

    const folded = await foldOldLedgerDetail(postgres.db, 35, foldClock);
    expect(folded).toBeGreaterThanOrEqual(ROWS);
    expect(await count('spend_ledger')).toBe(0);
    const daily = await count('spend_ledger_daily');
    expect(daily).toBeGreaterThan(0);
    expect(daily).toBeLessThan(ROWS / 10);

    expect(await booksOf()).toEqual(books);
    expect(await reportsOf()).toEqual(reports);

    await foldOldLedgerDetail(postgres.db, 35, foldClock);
    expect(await count('spend_ledger_daily')).toBe(daily);
    expect(await booksOf()).toEqual(books);
  });

  it('folds nothing younger than the detail period', async () => {
    const recent = `${client}-recent`;
    await postgres.pool.query(
      `insert into spend_ledger (call_id, request_id, at, provider, model, cost_micros, status, scope_client)
       values ($1, $1, $2, 'moonshot', 'moonshot/kimi', 5, 'ok', $3)`,
      [recent, new Date(foldClock - 34 * 86_400_000).toISOString(), client],
    );
    await foldOldLedgerDetail(postgres.db, 35, foldClock);
    const left = await postgres.pool.query('select call_id from spend_ledger where scope_client = $1', [client]);
    expect(left.rows).toEqual([{ call_id: recent }]);
  });

  it('leaves a batch whole when folding it fails part way', async () => {
    // Two calls whose costs overflow a bigint when summed: the fold's insert fails after its delete ran.
    const poison = `${client}-poison`;
    await postgres.pool.query(
      `insert into spend_ledger (call_id, request_id, at, provider, model, cost_micros, status, scope_client)
       select $1 || n, $1, '1990-05-01T00:00:00Z', 'moonshot', 'moonshot/kimi', 9000000000000000000, 'ok', $2
       from generate_series(1, 2) n`,
      [poison, `${client}-old`],
    );
    try {
      await expect(foldOldLedgerDetail(postgres.db, 35, Date.UTC(1991, 0, 1))).rejects.toThrow();
      const kept = await postgres.pool.query('select count(*) from spend_ledger where request_id = $1', [poison]);
      expect(Number(kept.rows[0]?.count)).toBe(2);
      const daily = await postgres.pool.query('select count(*) from spend_ledger_daily where scope_client = $1', [
        `${client}-old`,
      ]);
      expect(Number(daily.rows[0]?.count)).toBe(0);
    } finally {
      await postgres.pool.query('delete from spend_ledger where request_id = $1', [poison]);
    }
  });

  it('anonymises an erased end user’s folded days without changing a sum', async () => {
    const books = await booksOf();
    const before = await spendBetween(postgres.db, eraStart, eraEnd, 'user');
    const moved = await anonymiseDailySpend(postgres.db, user.toUpperCase());
    expect(moved).toBeGreaterThan(0);
    expect((await reportsOf()).forUser).toEqual([]);
    const after = await spendBetween(postgres.db, eraStart, eraEnd, 'user');
    const total = (rows: typeof before) => rows.reduce((sum, row) => sum + row.costMicros, 0);
    expect(total(after)).toBe(total(before));
    expect(after.map((row) => row.key)).not.toContain(user);
    expect(await booksOf()).toEqual(books);
  });
});
