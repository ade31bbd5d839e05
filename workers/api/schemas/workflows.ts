import { z } from '@hono/zod-openapi';
import { createSelectSchema } from 'drizzle-zod';
import { workflowRuns } from '../../../src/db/d1-schema';
import { isoTime } from '../../http/responses';

const StepRecordSchema = z
  .object({
    name: z.string(),
    status: z.string(),
    attempts: z.number(),
    startedAt: z.number().describe('Epoch ms'),
    endedAt: z.number().optional().describe('Epoch ms; absent while the step runs'),
    costMicros: z.number(),
    // Each step returns what its next steps need (counts, ids, texts): its own JSON.
    output: z.unknown().optional().describe("The step's output, shaped by the step"),
    note: z.string().optional(),
    error: z.string().optional(),
  })
  .openapi('WorkflowStep');

export const WorkflowRunSchema = createSelectSchema(workflowRuns)
  .pick({
    id: true,
    workflow: true,
    trigger: true,
    cron: true,
    status: true,
    costMicros: true,
    error: true,
    failedStep: true,
    retryOf: true,
    resumes: true,
  })
  .extend({
    tick: isoTime.nullable(),
    startedAt: isoTime,
    endedAt: isoTime.nullable(),
    lastProgressAt: isoTime.describe('The heartbeat: when a step last started, retried or ended'),
    steps: z.array(StepRecordSchema).nullable(),
    input: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe("What the run was started with (a manual or webhook run's input); null for none"),
  })
  .openapi('WorkflowRun');

export const WorkflowListSchema = z
  .object({
    workflows: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        cron: z.string().describe('Read in `timezone`'),
        timezone: z.string().describe('The IANA time zone of the schedule (SCHEDULE_TIMEZONE)'),
        nextRun: isoTime,
        lastRun: WorkflowRunSchema.nullable(),
        input: z
          .record(z.string(), z.unknown())
          .nullable()
          .describe('The JSON Schema of the input a manual or webhook run may pass; null: the workflow takes none'),
      }),
    ),
    sweep: z.object({ cron: z.string(), nextRun: isoTime, staleAfterMs: z.number(), maxResumes: z.number() }),
  })
  .openapi('WorkflowList');

export const WorkflowRunListSchema = z
  .object({ workflow: z.string(), runs: z.array(WorkflowRunSchema) })
  .openapi('WorkflowRunList');

export const WorkflowRunOutcomeSchema = z
  .object({
    duplicate: z.boolean().describe('The idempotency key had already started a run: this is that run'),
    resumed: z.boolean().describe('A run a crash left running was taken over and started again'),
    run: WorkflowRunSchema.nullable(),
  })
  .openapi('WorkflowRunOutcome');

export const WorkflowRunRequestSchema = z
  .object({
    input: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        "The run's input, checked against the workflow's input schema (GET /api/workflows); a workflow without one takes none",
      ),
  })
  .strict()
  .openapi('WorkflowRunRequest');
