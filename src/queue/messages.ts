import { z } from 'zod';
import { auditEntrySchema } from '../audit/entry';
import { callScopesSchema } from '../budget/scopes';
import { type LedgerEntry, ledgerKinds, ledgerStatuses } from '../llm/ledger';

/** A liveness probe the health check sends; the consumer acknowledges it and nothing else. */
export const probeMessage = z.object({
  kind: z.literal('probe'),
  sentAt: z.number().int().nonnegative(),
});

export const ledgerEntrySchema = z.object({
  callId: z.string().min(1).max(200).optional(),
  requestId: z.string().min(1).max(200),
  kind: z.enum(ledgerKinds).optional(),
  at: z.number().int(),
  provider: z.string().min(1),
  model: z.string().min(1),
  tokensIn: z.number().int().nonnegative(),
  tokensOut: z.number().int().nonnegative(),
  costMicros: z.number().int().nonnegative(),
  latencyMs: z.number().int().nonnegative(),
  status: z.enum(ledgerStatuses),
  cacheHit: z.boolean(),
  scopes: callScopesSchema,
  leaseId: z.string().min(1).max(100).optional(),
  user: z.string().max(256).optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  downgradedFrom: z.string().min(1).max(120).optional(),
});

/** Entries from before call ids were one per request: the request id names the call. */
export function fromLedgerMessage(entry: z.infer<typeof ledgerEntrySchema>): LedgerEntry {
  const kind =
    entry.kind ?? (entry.status === 'cached' ? 'cache_hit' : entry.status === 'refused' ? 'refusal' : 'call');
  return { ...entry, callId: entry.callId ?? entry.requestId, kind };
}

/** LLM calls sent through the queue by earlier versions; now stored straight in the budget ledger. */
export const ledgerMessage = z.object({
  kind: z.literal('ledger.entries'),
  entries: z.array(ledgerEntrySchema).min(1).max(500),
});

/** A request's (or an action's) audit entries, on their way to the Postgres audit log. */
export const auditMessage = z.object({
  kind: z.literal('audit.entries'),
  entries: z.array(auditEntrySchema).min(1).max(500),
});

/** A call refused by a budget cap, to run again once its not-before time has come. */
export const deferredCallMessage = z.object({
  kind: z.literal('llm.deferred'),
  deferralId: z.string().uuid(),
});

/** An orchestrated agent action to run (ask, decide, brainstorm). */
export const agentActionMessage = z.object({
  kind: z.literal('agent.action'),
  actionId: z.string().uuid(),
  /** The Telegram message the answer is posted under (an /ask); `waiting` once told it waits for budget. */
  reply: z
    .object({ chatId: z.number().int(), messageId: z.number().int(), waiting: z.boolean().optional() })
    .optional(),
});

/** One job of a swarm run. */
export const swarmJobMessage = z.object({
  kind: z.literal('swarm.job'),
  runId: z.string().uuid(),
  job: z.number().int().nonnegative(),
});

/** A swarm run whose jobs have all ended, to be reduced (a summary reducer calls a model). */
export const swarmFinalizeMessage = z.object({
  kind: z.literal('swarm.finalize'),
  runId: z.string().uuid(),
});

/** Every message on the jobs queue, told apart by `kind`. New kinds join this union. */
export const jobMessage = z.discriminatedUnion('kind', [
  probeMessage,
  ledgerMessage,
  auditMessage,
  deferredCallMessage,
  agentActionMessage,
  swarmJobMessage,
  swarmFinalizeMessage,
]);

export type JobMessage = z.infer<typeof jobMessage>;
export type JobKind = JobMessage['kind'];
