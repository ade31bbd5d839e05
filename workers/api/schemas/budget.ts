import { z } from '@hono/zod-openapi';
import { isoTime } from '../../http/responses';

export const MoneySchema = z
  .object({
    usdMicros: z.number().describe('Exact, in USD micro-units'),
    amount: z.number().describe("In the owner's currency"),
    currency: z.string(),
  })
  .openapi('Money');

const windowKind = z.enum(['day', 'month']);

export const BudgetWindowSchema = z
  .object({
    scope: z.string().describe('kind:id, e.g. global:* or agent:ceo'),
    window: windowKind,
    windowKey: z.string(),
    calls: z.number(),
    cap: MoneySchema.nullable(),
    spent: MoneySchema,
    reserved: MoneySchema,
    remaining: MoneySchema.nullable(),
  })
  .openapi('BudgetWindow');

export const BudgetAlertSchema = z
  .object({
    scope: z.string(),
    window: windowKind,
    windowKey: z.string(),
    threshold: z.union([z.literal(50), z.literal(80), z.literal(100), z.literal('p1')]),
    spent: MoneySchema,
    limit: MoneySchema,
    firedAt: isoTime,
  })
  .openapi('BudgetAlert');

export const BudgetSnapshotSchema = z
  .object({
    at: isoTime,
    currency: z.string(),
    currencyPerUsd: z.number(),
    p1DailyLine: MoneySchema,
    windows: z.array(BudgetWindowSchema).describe('Every scope but the swarm runs, unless ?runs=listed'),
    runs: z
      .array(
        z.object({
          window: windowKind,
          windowKey: z.string(),
          runs: z.number().describe('Swarm runs with a scope in this window'),
          calls: z.number(),
          spent: MoneySchema,
          reserved: MoneySchema,
        }),
      )
      .describe('The swarm runs of each window folded into one line; empty with ?runs=listed'),
    alerts: z.array(BudgetAlertSchema),
  })
  .openapi('BudgetSnapshot');

export const SpendRowSchema = z
  .object({
    key: z.string(),
    calls: z.number(),
    tokensIn: z.number(),
    tokensOut: z.number(),
    costMicros: z.number(),
    cacheHits: z.number(),
  })
  .openapi('SpendRow');

export const BudgetViewSchema = BudgetSnapshotSchema.extend({
  today: z
    .object({ byModel: z.array(SpendRowSchema), byProvider: z.array(SpendRowSchema) })
    .nullable()
    .describe("Today's spend by model and provider; null while Postgres is down"),
}).openapi('BudgetView');

export const SpendReportSchema = z
  .object({
    from: isoTime,
    to: isoTime,
    groupBy: z.enum(['day', 'model', 'provider', 'agent', 'client', 'user', 'status']),
    user: z.string().optional().describe('The end user the rows are narrowed to, when asked'),
    currency: z.string(),
    currencyPerUsd: z.number(),
    rows: z.array(SpendRowSchema.extend({ cost: z.number().describe("In the owner's currency") })),
  })
  .openapi('SpendReport');

export const ReconciliationSchema = z
  .object({
    at: isoTime,
    balanced: z.boolean(),
    pending: z.object({
      rows: z.number(),
      costMicros: z.number(),
      oldestAt: isoTime.nullable(),
      forwardFailures: z.number(),
      lastForwardError: z.string().nullable(),
    }),
    rows: z.array(
      z.object({
        scope: z.string(),
        window: windowKind,
        windowKey: z.string(),
        spentMicros: z.number(),
        ledgerMicros: z.number(),
        pendingMicros: z.number(),
        driftMicros: z.number(),
      }),
    ),
  })
  .openapi('Reconciliation');
