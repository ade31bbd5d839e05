import { sql } from 'drizzle-orm';
import type { AgentSummary } from '../agents/agent-state';
import { agentStatuses } from '../agents/agent-state';
import { auditOutboxStatus } from '../audit/audit-outbox';
import { scopeLabel } from '../budget/scopes';
import type { BudgetSnapshot } from '../budget/types';
import type { D1Db } from '../db/d1';
import type { PostgresDatabase } from '../db/postgres';
import type { MetricFamily } from './prometheus';

export interface GlobalSources {
  budget: BudgetSnapshot;
  agents: AgentSummary[];
  d1: D1Db;
  postgres?: PostgresDatabase;
}

const gauge = (name: string, help: string, samples: MetricFamily['samples']): MetricFamily => ({
  name,
  help,
  type: 'gauge',
  samples,
});
const counter = (name: string, help: string, samples: MetricFamily['samples']): MetricFamily => ({
  name,
  help,
  type: 'counter',
  samples,
});

function budgetFamilies(budget: BudgetSnapshot): MetricFamily[] {
  const labels = (row: BudgetSnapshot['usage'][number]) => ({ scope: scopeLabel(row.scope), window: row.window });
  return [
    gauge(
      'empire_budget_spent_micros',
      'LLM spend settled in the current window, USD micros (global: from the budget ledger).',
      budget.usage.map((row) => ({ labels: labels(row), value: row.spentMicros })),
    ),
    gauge(
      'empire_budget_reserved_micros',
      'Budget held by open leases in the current window, USD micros (global).',
      budget.usage.map((row) => ({ labels: labels(row), value: row.reservedMicros })),
    ),
    gauge(
      'empire_budget_remaining_micros',
      'Cap minus spent and reserved in the current window, USD micros (global; scopes with a cap).',
      budget.usage
        .filter((row) => row.capMicros !== null)
        .map((row) => ({
          labels: labels(row),
          value: Math.max(0, (row.capMicros ?? 0) - row.spentMicros - row.reservedMicros),
        })),
    ),
  ];
}

function agentFamilies(agents: AgentSummary[]): MetricFamily[] {
  return [
    gauge(
      'empire_agent_status',
      'One for the status each agent is in (global: from the agents\u2019 Durable Objects).',
      agents.flatMap((agent) =>
        agentStatuses.map((status) => ({
          labels: { agent: agent.agent, status },
          value: agent.status === status ? 1 : 0,
        })),
      ),
    ),
    counter(
      'empire_agent_tasks_total',
      'Tasks each agent has finished (global).',
      agents.map((agent) => ({ labels: { agent: agent.agent }, value: agent.counters.tasks })),
    ),
  ];
}

function tokenSamples(
  rows: { provider: string; model: string; tokens_in: string; tokens_out: string }[],
): MetricFamily['samples'] {
  const totals = new Map<string, { provider: string; model: string; in: number; out: number }>();
  for (const row of rows) {
    const key = `${row.provider}\u0000${row.model}`;
    const total = totals.get(key) ?? { provider: row.provider, model: row.model, in: 0, out: 0 };
    total.in += Number(row.tokens_in);
    total.out += Number(row.tokens_out);
    totals.set(key, total);
  }
  return [...totals.values()].flatMap((total) => [
    { labels: { provider: total.provider, model: total.model, direction: 'in' }, value: total.in },
    { labels: { provider: total.provider, model: total.model, direction: 'out' }, value: total.out },
  ]);
}

async function postgresFamilies(db: PostgresDatabase): Promise<MetricFamily[]> {
  const calls = await db.execute<{
    provider: string;
    model: string;
    status: string;
    calls: string;
    tokens_in: string;
    tokens_out: string;
    cost: string;
    hits: string;
  }>(sql`
    select provider, model, status::text as status, sum(calls) as calls, sum(tokens_in) as tokens_in,
           sum(tokens_out) as tokens_out, sum(cost) as cost, sum(hits) as hits
    from (
      select provider, model, status, count(*) as calls, coalesce(sum(tokens_in), 0) as tokens_in,
             coalesce(sum(tokens_out), 0) as tokens_out, coalesce(sum(cost_micros), 0) as cost,
             count(*) filter (where cache_hit) as hits
      from spend_ledger group by provider, model, status
      union all
      select provider, model, status, sum(calls), sum(tokens_in), sum(tokens_out), sum(cost_micros), sum(cache_hits)
      from spend_ledger_daily group by provider, model, status
    ) both_tables
    group by provider, model, status`);
  const runs = await db.execute<{ status: string; runs: string }>(
    sql`select status::text as status, count(*) as runs from swarm_runs group by status`,
  );
  const rows = calls.rows;
  const by = (row: (typeof rows)[number]) => ({ provider: row.provider, model: row.model, status: row.status });
  return [
    counter(
      'empire_llm_calls_total',
      'LLM calls by provider, model and outcome (global: from the spend ledger).',
      rows.map((row) => ({ labels: by(row), value: Number(row.calls) })),
    ),
    counter('empire_llm_tokens_total', 'Tokens by provider, model and direction (global).', tokenSamples(rows)),
    counter(
      'empire_llm_cost_micros_total',
      'LLM spend by provider and model, USD micros (global).',
      rows.map((row) => ({ labels: by(row), value: Number(row.cost) })),
    ),
    counter('empire_llm_cache_hits_total', 'Calls answered from the response cache (global).', [
      { value: rows.reduce((sum, row) => sum + Number(row.hits), 0) },
    ]),
    gauge(
      'empire_swarm_runs',
      'Swarm runs by status (global: from the run index).',
      runs.rows.map((row) => ({ labels: { status: row.status }, value: Number(row.runs) })),
    ),
  ];
}

/** Figures that must be the same whichever isolate answers: read from the Durable Objects and databases. */
export async function globalFamilies(sources: GlobalSources): Promise<MetricFamily[]> {
  const workflowRows = await sources.d1.all<{ workflow: string; status: string; runs: number }>(
    sql`select workflow, status, count(*) as runs from workflow_runs group by workflow, status`,
  );
  const dead = await sources.d1.all<{ kind: string | null; letters: number }>(
    sql`select kind, count(*) as letters from dead_letters group by kind`,
  );
  const audit = await auditOutboxStatus(sources.d1);
  const now = Date.now();
  return [
    ...budgetFamilies(sources.budget),
    ...agentFamilies(sources.agents),
    counter(
      'empire_workflow_runs_total',
      'Workflow runs by workflow and status (global: from D1).',
      workflowRows.map((row) => ({ labels: { workflow: row.workflow, status: row.status }, value: row.runs })),
    ),
    gauge('empire_audit_pending_entries', 'Audit entries kept in D1 and not yet in the Postgres audit log (global).', [
      { value: audit.pendingEntries },
    ]),
    gauge(
      'empire_audit_pending_age_seconds',
      'Age of the oldest audit entry not yet in the Postgres audit log; 0 when none waits (global).',
      [{ value: audit.oldestPendingAt === null ? 0 : Math.max(0, (now - audit.oldestPendingAt) / 1000) }],
    ),
    counter(
      'empire_queue_dead_letters_total',
      'Queue messages given up on, by kind (global: from D1).',
      dead.map((row) => ({ labels: { kind: row.kind ?? 'unknown' }, value: row.letters })),
    ),
    ...(sources.postgres ? await postgresFamilies(sources.postgres) : []),
  ];
}
