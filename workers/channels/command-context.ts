import type { Context } from 'hono';
import { agentObject, budgetLedger } from '../../durable-objects/clients';
import { createAction } from '../../src/agents/actions-store';
import { type AgentId, agentIds, isAgentId } from '../../src/agents/personas';
import { alertText } from '../../src/budget/alert-text';
import { presentSnapshot } from '../../src/budget/present';
import { budgetSettings } from '../../src/budget/settings';
import { spendBetween } from '../../src/budget/spend-query';
import type { AgentLine, CommandContext } from '../../src/channels/commands/types';
import { taskInputs } from '../../src/channels/run-input';
import { draftLines } from '../../src/content/chat';
import { approveDrafts, rejectDrafts } from '../../src/content/decisions';
import { listLeads, searchLeads } from '../../src/crm/lead-query';
import { findLeadWithEvents } from '../../src/crm/lead-store';
import { presentLead } from '../../src/crm/lead-view';
import { openPostgres, type PostgresHandle } from '../../src/db/postgres';
import { latestInsights } from '../../src/learning/insight-store';
import { ConflictError, InvalidInputError, NotFoundError, UnavailableError } from '../../src/lib/domain-errors';
import { countWaitingDeferrals } from '../../src/llm/deferral-query';
import { findTask } from '../../src/reactor/registry';
import { listRuns } from '../../src/reactor/run-index';
import { RunInputError, startRun } from '../../src/reactor/start-run';
import { linkSale, listUnmatched } from '../../src/revenue/conversions';
import { changingAgent } from '../brain-summaries';
import type { AppEnv } from '../http/app-env';
import { runStartDeps } from '../run-task-action';

const DAY_MS = 86_400_000;
const ACTIVE_RUNS = new Set(['running', 'reducing']);

const agentLine = (snapshot: {
  agent: string;
  status: string;
  currentTask: { summary: string } | null;
  lastError: string | null;
}): AgentLine => ({
  agent: snapshot.agent,
  status: snapshot.status,
  task: snapshot.currentTask?.summary ?? null,
  lastError: snapshot.lastError,
});

export interface CommandScope {
  context: CommandContext;
  /** Closes what the commands opened; call it once the answer is out. */
  close(): Promise<void>;
}

/**
 * The commands' reach into this Worker. Commands run after the webhook answered, when the
 * request's own Postgres pool is already closed, so the scope opens and closes its own.
 * `requestedBy` names the chat or login in audit rows; `replyTo` is the Telegram message an
 * agent's answer is posted under once it is ready (without one, the answer is read from the API).
 */
export function commandScopeFor(
  c: Context<AppEnv>,
  requestedBy: string,
  replyTo?: { chatId: number; messageId: number },
): CommandScope {
  const { env } = c;
  const settings = budgetSettings(c.var.config);
  const d1 = c.var.services.d1;
  let handle: PostgresHandle | undefined;
  const optionalPostgres = () => {
    const options = c.var.config.postgres;
    if (options) handle ??= openPostgres(options);
    return handle?.db;
  };
  const postgres = () => {
    const db = optionalPostgres();
    if (!db) throw new UnavailableError('This needs the Postgres database (DATABASE_URL), which is not configured');
    return db;
  };

  const context: CommandContext = {
    agents: async () =>
      (await Promise.all(agentIds.map((agent) => agentObject(env, agent).summary(agent)))).map(agentLine),

    async budget() {
      const snapshot = await budgetLedger(env).snapshot();
      const view = presentSnapshot(snapshot, settings);
      return {
        currency: settings.currency,
        lines: view.windows.map((window) => ({
          scope: window.scope,
          window: window.window,
          spent: window.spent.amount,
          reserved: window.reserved.amount,
          cap: window.cap?.amount ?? null,
          remaining: window.remaining?.amount ?? null,
        })),
        alerts: [...snapshot.alerts]
          .sort((a, b) => b.firedAt - a.firedAt)
          .map((alert) => ({ text: alertText(alert, settings), firedAt: new Date(alert.firedAt).toISOString() })),
      };
    },

    async spend(days) {
      const to = new Date();
      const from = new Date(Date.parse(to.toISOString().slice(0, 10)) - (days - 1) * DAY_MS);
      const rows = await spendBetween(postgres(), from, to, 'day');
      return {
        currency: settings.currency,
        from: from.toISOString(),
        to: to.toISOString(),
        rows: rows.map((row) => ({
          day: row.key,
          calls: row.calls,
          cost: Math.round(row.costMicros * settings.currencyPerUsd) / 1_000_000,
        })),
      };
    },

    async queue() {
      const deferredWaiting = await countWaitingDeferrals(d1);
      const db = optionalPostgres();
      const runs = db ? await listRuns(db, 50) : [];
      return {
        deferredWaiting,
        activeRuns: runs
          .filter((run) => ACTIVE_RUNS.has(run.status))
          .map((run) => ({ id: run.id, task: run.task, status: run.status, done: run.done, total: run.total })),
      };
    },

    async startRun(name, input) {
      const db = postgres();
      const record = await findTask(db, name);
      if (!record) throw new NotFoundError(`No task ${name}; GET /api/tasks lists them`);
      try {
        const progress = await startRun(
          record,
          { inputs: taskInputs(record, input), requestedBy },
          runStartDeps(env, db),
        );
        return { runId: progress.runId, task: progress.task, total: progress.total, status: progress.status };
      } catch (error) {
        if (error instanceof RunInputError) throw new InvalidInputError(`Invalid inputs: ${error.message}`);
        throw error;
      }
    },

    async leads(query, limit) {
      if (!query) return (await listLeads(d1, {}, limit)).items.map(presentLead);
      return (await searchLeads(d1, query, limit)).items.map((hit) => presentLead(hit.lead));
    },

    async lead(id) {
      const found = await findLeadWithEvents(d1, id, 5);
      if (!found) return undefined;
      const { lead: row, events } = found;
      return {
        lead: presentLead(row),
        events: events.map((event) => ({ kind: event.kind, at: new Date(event.at).toISOString() })),
      };
    },

    async setPaused(agent, paused) {
      if (!isAgentId(agent)) throw new InvalidInputError(`No agent ${agent}`);
      const id: AgentId = agent;
      const snapshot = await changingAgent(agentObject(env, id).setPaused(id, paused));
      const db = optionalPostgres();
      // Same audit row as POST /api/action, so a pause from a chat shows up beside the API's.
      if (db) {
        await createAction(db, {
          id: crypto.randomUUID(),
          action: paused ? 'pause' : 'resume',
          input: '',
          priority: 'normal',
          agents: [id],
          requestedBy,
          status: 'done',
        });
      }
      return agentLine(snapshot);
    },

    drafts: (limit) => draftLines(d1, limit),

    decideContent: (decision, ids, reason) =>
      decision === 'approve'
        ? approveDrafts(d1, c.var.config.content, ids, requestedBy, Date.now())
        : rejectDrafts(d1, ids, reason, requestedBy, Date.now()),

    // The same path as POST /api/action with action "ask": a queued action run through the budgeted router.
    async ask(agent, question) {
      if (!isAgentId(agent)) throw new InvalidInputError(`No agent ${agent}`);
      const snapshot = await agentObject(env, agent).snapshot(agent);
      if (snapshot.status === 'paused') throw new ConflictError(`${agent} is paused; /resume ${agent} first.`);
      const id = crypto.randomUUID();
      await createAction(postgres(), {
        id,
        action: 'ask',
        input: question,
        priority: 'normal',
        agents: [agent],
        requestedBy,
        status: 'queued',
      });
      await env.JOBS.send({ kind: 'agent.action', actionId: id, ...(replyTo ? { reply: replyTo } : {}) });
      return { actionId: id, agent, answersHere: replyTo !== undefined };
    },

    async unmatchedSales(limit) {
      return (await listUnmatched(d1, limit)).map((sale) => ({
        id: sale.id,
        source: sale.source,
        product: sale.product,
        amount: `${(sale.amountMicros / 1_000_000).toFixed(2)} ${sale.currency}`,
        buyerEmail: sale.buyerEmail,
        at: new Date(sale.at).toISOString().slice(0, 10),
      }));
    },

    async linkSale(saleId, leadId) {
      const result = await linkSale(d1, { saleId, leadId, relink: false }, { actor: requestedBy, now: Date.now() });
      return { changed: result.changed };
    },

    insights: async (area) => (await latestInsights(d1, area)).map((insight) => insight.text),
  };
  return { context, close: async () => handle?.close() };
}
