import { createRoute, z } from '@hono/zod-openapi';
import { budgetLedger, dashboardEvents } from '../../durable-objects/clients';
import { mayView, visibleBudget } from '../../src/auth/scoping';
import { readBooks } from '../../src/budget/books';
import { presentSnapshot } from '../../src/budget/present';
import { scopeKinds } from '../../src/budget/scopes';
import { budgetSettings, toUsdMicros } from '../../src/budget/settings';
import { spendBetween, spendGroups } from '../../src/budget/spend-query';
import { windowEnd } from '../../src/budget/windows';
import { errorMessage } from '../../src/lib/error-message';
import { dueOnCapChange } from '../../src/llm/deferrals';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { errorResponses, jsonResponse } from '../http/responses';
import { sweepQuietly } from '../sweep';
import { BudgetSnapshotSchema, BudgetViewSchema, ReconciliationSchema, SpendReportSchema } from './schemas/budget';

const anyRole = requireRole('owner', 'operator', 'readonly');

const capChange = z.object({
  scope: z
    .string()
    .regex(new RegExp(`^(${scopeKinds.join('|')}):[\\w.:*-]{1,64}$`), 'kind:id, e.g. global:* or agent:ceo')
    .refine((value) => !value.startsWith('global:') || value === 'global:*', 'the global scope is global:*'),
  window: z.enum(['day', 'month']),
  amount: z.number().nonnegative().max(1_000_000).nullable().describe('In `currency`; null removes the cap'),
  currency: z
    .enum(['USD', 'budget'])
    .default('budget')
    .describe("'budget' is the configured currency (EUR by default)"),
});

const isoDate = z.iso.datetime({ offset: true });
// A day alone (2026-12-01) is what people type; a `to` day counts whole, up to the next midnight UTC.
const isoDayOrTime = z.union([isoDate, z.iso.date()]);
const DAY_MS = 86_400_000;
const instantOf = (value: string, end: boolean) =>
  value.length === 10 ? new Date(Date.parse(`${value}T00:00:00Z`) + (end ? DAY_MS : 0)) : new Date(value);

export const budgetRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/budget',
      middleware: [anyRole] as const,
      summary: 'Caps, spend, reserved and remaining per window and scope, with alerts',
      request: {
        query: z.object({
          runs: z
            .enum(['folded', 'listed'])
            .default('folded')
            .describe('Swarm runs folded into one line per window (default), or listed scope by scope'),
        }),
      },
      responses: { 200: jsonResponse(BudgetViewSchema, 'Budget snapshot'), ...errorResponses },
    }),
    async (c) => {
      const snapshot = await budgetLedger(c.env).snapshot();
      const settings = budgetSettings(c.var.config);
      const db = c.var.services.postgres()?.db;
      const dayStart = new Date(new Date().toISOString().slice(0, 10));
      const dayEnd = new Date(windowEnd('day', Date.now()));
      // Caps and spend come from the ledger object; only today's breakdown needs Postgres, so an
      // outage leaves it out (null) rather than failing the whole view.
      const breakdown = db
        ? await Promise.all([
            spendBetween(db, dayStart, dayEnd, 'model'),
            spendBetween(db, dayStart, dayEnd, 'provider'),
          ]).then(
            ([byModel, byProvider]) => ({ byModel, byProvider }),
            (error: unknown) => {
              c.var.log.warn('spend breakdown unavailable', {
                error: errorMessage(error),
              });
              return null;
            },
          )
        : { byModel: [], byProvider: [] };
      const runs = c.req.valid('query').runs;
      const view = visibleBudget(c.var.principal, presentSnapshot(snapshot, settings, runs));
      return c.json({ ...view, today: breakdown }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/budget',
      middleware: [requireRole('owner')] as const,
      summary: 'Set or remove caps (owner only)',
      request: {
        body: {
          content: { 'application/json': { schema: z.object({ caps: z.array(capChange).min(1).max(50) }) } },
          required: true,
        },
      },
      responses: { 200: jsonResponse(BudgetSnapshotSchema, 'The new budget snapshot'), ...errorResponses },
    }),
    async (c) => {
      const settings = budgetSettings(c.var.config);
      const ledger = budgetLedger(c.env);
      let woken = 0;
      for (const change of c.req.valid('json').caps) {
        const at = change.scope.indexOf(':');
        const scope = {
          kind: change.scope.slice(0, at) as (typeof scopeKinds)[number],
          id: change.scope.slice(at + 1),
        };
        const micros =
          change.amount === null
            ? null
            : change.currency === 'USD'
              ? Math.floor(change.amount * 1_000_000)
              : toUsdMicros(change.amount, settings.currencyPerUsd);
        if (micros === null && scope.kind === 'global')
          throw new AppError('invalid_request', 'The global caps cannot be removed');
        await ledger.setCap(scope, change.window, micros);
        woken += await dueOnCapChange(c.var.services.d1, scope, change.window);
      }
      // Calls this cap refused run now if the new room fits them, not at the end of its window.
      if (woken > 0)
        c.executionCtx.waitUntil(
          sweepQuietly({ env: c.env, config: c.var.config, services: c.var.services, log: c.var.log }),
        );
      const snapshot = presentSnapshot(await ledger.snapshot(), settings);
      c.executionCtx.waitUntil(dashboardEvents(c.env).publish({ type: 'budget.changed', budget: snapshot }));
      return c.json(snapshot, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/spend',
      middleware: [anyRole] as const,
      summary: 'Spend history from the ledger, grouped by day, model, provider, agent, client, end user or status',
      request: {
        query: z.object({
          from: isoDayOrTime.optional().describe('UTC ISO time or day (from its midnight); default 30 days ago'),
          to: isoDayOrTime.optional().describe('UTC ISO time, or a day (included whole); default now'),
          groupBy: z.enum(spendGroups).default('day'),
          user: z
            .string()
            .min(1)
            .max(256)
            .regex(/^[^\p{Cc}]*$/u, 'no control characters')
            .optional()
            .describe(
              "Only the calls made for this end user (the caller's `user`, `safety_identifier` or `metadata.user_id`)",
            ),
        }),
      },
      responses: { 200: jsonResponse(SpendReportSchema, 'Spend rows'), ...errorResponses },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const to = query.to ? instantOf(query.to, true) : new Date();
      const from = query.from ? instantOf(query.from, false) : new Date(to.getTime() - 30 * DAY_MS);
      if (from >= to) throw new AppError('invalid_request', '`from` must be before `to`');
      const db = c.var.services.postgres()?.db;
      if (!db) throw new AppError('unavailable', 'The spend ledger (DATABASE_URL) is not configured');
      const settings = budgetSettings(c.var.config);
      const { principal } = c.var;
      // Per client, spend is that client's: a non-owner sees its own line only.
      const rows = (await spendBetween(db, from, to, query.groupBy, { user: query.user })).filter(
        (row) => query.groupBy !== 'client' || mayView(principal, row.key),
      );
      return c.json(
        {
          from: from.toISOString(),
          to: to.toISOString(),
          groupBy: query.groupBy,
          ...(query.user === undefined ? {} : { user: query.user }),
          currency: settings.currency,
          currencyPerUsd: settings.currencyPerUsd,
          rows: rows.map((row) => ({ ...row, cost: Math.round(row.costMicros * settings.currencyPerUsd) / 1_000_000 })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/budget/reconcile',
      middleware: [requireRole('owner', 'operator')] as const,
      summary: 'Budget spend against the spend ledger, per scope and window (today and this month)',
      description:
        'driftMicros = spentMicros − ledgerMicros − pendingMicros. Every charge is stored with its ledger row, so ' +
        'drift stays zero unless rows were lost or added in Postgres. `pending` counts rows waiting to reach Postgres.',
      responses: { 200: jsonResponse(ReconciliationSchema, 'Reconciliation per scope and window'), ...errorResponses },
    }),
    async (c) => {
      const db = c.var.services.postgres()?.db;
      if (!db) throw new AppError('unavailable', 'The spend ledger (DATABASE_URL) is not configured');
      const { at, rows, status } = await readBooks(budgetLedger(c.env), db);
      return c.json(
        {
          at: new Date(at).toISOString(),
          balanced: rows.every((row) => row.driftMicros === 0),
          pending: {
            rows: status.pendingRows,
            costMicros: status.pendingCostMicros,
            oldestAt: status.oldestPendingAt === null ? null : new Date(status.oldestPendingAt).toISOString(),
            forwardFailures: status.forwardFailures,
            lastForwardError: status.lastForwardError,
          },
          rows,
        },
        200,
      );
    },
  );
