import { z } from '@hono/zod-openapi';
import { createSelectSchema } from 'drizzle-zod';
import { agentIds } from '../../../src/agents/personas';
import { swarmRuns } from '../../../src/db/pg-schema';
import { taskClasses } from '../../../src/llm/types';
import type { FieldSpec } from '../../../src/reactor/field-schema';
import { isoTime } from '../../http/responses';

const runStatus = z.enum(['running', 'reducing', 'done', 'failed', 'cancelled']);

/** A swarm run's counters as its object keeps them. */
export const RunProgressSchema = z
  .object({
    runId: z.string(),
    task: z.string(),
    status: runStatus,
    total: z.number(),
    queued: z.number().describe('Not yet handed to the queue (held back by the in-flight limit)'),
    running: z.number().describe('On the queue or being worked on'),
    done: z.number(),
    failed: z.number(),
    cancelled: z.number(),
    costMicros: z.number(),
    maxInFlight: z.number(),
    createdAt: z.number().describe('Epoch ms'),
    endedAt: z.number().nullable().describe('Epoch ms'),
    error: z.string().nullable(),
  })
  .openapi('RunProgress');

export const RunViewSchema = RunProgressSchema.extend({
  createdAt: isoTime,
  endedAt: isoTime.nullable(),
  // The task's reducer decides the result's shape (a list of leads, a report …): free-form JSON.
  results: z.unknown().describe("The reduced result, shaped by the task's reducer; null until done"),
  failures: z.array(z.object({ job: z.number(), error: z.string().nullable() })),
}).openapi('RunView');

export const RunListSchema = z
  .object({
    runs: z.array(
      createSelectSchema(swarmRuns)
        .extend({ costMicros: z.number(), createdAt: isoTime, endedAt: isoTime.nullable() })
        .openapi('RunSummary'),
    ),
  })
  .openapi('RunList');

export const RunStartedSchema = RunProgressSchema.extend({ href: z.string() }).openapi('RunStarted');

export const FieldSpecSchema: z.ZodType<FieldSpec> = z
  .object({
    type: z.enum(['string', 'number', 'integer', 'boolean', 'list', 'object']),
    required: z.boolean().optional(),
    // A field's default is whatever value the task author wrote, of the field's own type.
    default: z.unknown().optional(),
    description: z.string().optional(),
    get items() {
      return FieldSpecSchema.optional();
    },
    get fields() {
      return z.record(z.string(), FieldSpecSchema).optional();
    },
    maxLength: z.number().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .openapi('FieldSpec');

export const TaskSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    agent: z.enum(agentIds),
    modelClass: z.enum(taskClasses),
    inputs: z.record(z.string(), FieldSpecSchema),
    fanout: z
      .union([z.object({ over: z.string(), max: z.number() }), z.object({ variations: z.number() })])
      .nullable()
      .describe('One job per item of the input `over`, or N variations; null runs one job'),
    reduce: z.string(),
    budget: z.object({ max_run_usd: z.number() }),
    source: z.enum(['builtin', 'user']),
    version: z.number(),
  })
  .openapi('Task');

const TaskProblemSchema = z
  .object({ file: z.string(), line: z.number(), column: z.number(), field: z.string(), message: z.string() })
  .openapi('TaskFileProblem');

export const TaskListSchema = z
  .object({ tasks: z.array(TaskSchema), problems: z.array(TaskProblemSchema) })
  .openapi('TaskList');

export const TaskWithYamlSchema = TaskSchema.extend({ yaml: z.string() }).openapi('TaskWithYaml');
