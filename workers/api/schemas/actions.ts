import { z } from '@hono/zod-openapi';
import { createSelectSchema } from 'drizzle-zod';
import { actionKinds } from '../../../src/agents/actions-store';
import { deferredCalls } from '../../../src/db/d1-schema';
import { actions } from '../../../src/db/pg-schema';
import { isoTime } from '../../http/responses';
import { AgentSnapshotSchema } from './agents';
import { ChatResultSchema, RefusalSchema } from './llm';

export const ActionSchema = createSelectSchema(actions)
  .omit({ requestedBy: true })
  .extend({ costMicros: z.number(), createdAt: isoTime, updatedAt: isoTime })
  .openapi('Action');

/** What POST /api/action answers: pause and resume at once, the rest queued. */
export const ActionAcceptedSchema = z
  .object({
    id: z.string(),
    action: z.enum(actionKinds),
    status: z.enum(['queued', 'done']),
    agents: z.array(z.string()).optional().describe('The agents that work on it; none for run-task'),
    agent: AgentSnapshotSchema.optional().describe('pause and resume: the agent as it is now'),
    href: z.string().optional().describe('Where to follow a queued action or run'),
    runId: z.string().optional().describe('run-task: the swarm run'),
    total: z.number().optional().describe('run-task: the number of jobs'),
  })
  .openapi('ActionAccepted');

export const DeferralSchema = createSelectSchema(deferredCalls)
  .omit({ request: true })
  .extend({
    refusal: RefusalSchema,
    result: ChatResultSchema.nullable(),
    notBefore: isoTime,
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .openapi('Deferral');

export const SweepReportSchema = z
  .object({
    runs: z.array(
      z.union([
        z.object({ runId: z.string(), workflow: z.string(), action: z.literal('resumed') }),
        z.object({ runId: z.string(), workflow: z.string(), action: z.literal('failed'), error: z.string() }),
      ]),
    ),
    deferrals: z.object({
      woken: z.number().describe('Deferrals this sweep claimed and ran'),
      waitingForRoom: z.number().describe('Due, but the cap that refused them has no room yet'),
    }),
  })
  .openapi('SweepReport');

export const DeferralPageSchema = z
  .object({
    items: z.array(DeferralSchema),
    nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last'),
  })
  .openapi('DeferralPage');
