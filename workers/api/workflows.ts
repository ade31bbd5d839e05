import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { toJSONSchema } from 'zod';
import type { D1Db } from '../../src/db/d1';
import { workflowById, workflows } from '../../src/workflows/registry';
import { findRun, presentRun, recentRuns, type WorkflowRunRow } from '../../src/workflows/run-history';
import { checkRunInput } from '../../src/workflows/run-input';
import type { StartOutcome } from '../../src/workflows/run-workflow';
import { nextSlot, SCHEDULE_TRIGGER } from '../../src/workflows/schedule';
import type { WorkflowDefinition } from '../../src/workflows/types';
import type { AppEnv } from '../http/app-env';
import { businessReader, requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { errorResponses, jsonResponse } from '../http/responses';
import { retryRun, startWithServices } from '../workflow-runner';
import {
  WorkflowListSchema,
  WorkflowRunListSchema,
  WorkflowRunOutcomeSchema,
  WorkflowRunRequestSchema,
} from './schemas/workflows';

export const runnerScope = (c: Context<AppEnv>) => ({
  env: c.env,
  config: c.var.config,
  services: c.var.services,
  log: c.var.log,
});

const inputSchemaOf = (workflow: WorkflowDefinition) =>
  workflow.input ? (toJSONSchema(workflow.input, { io: 'input' }) as Record<string, unknown>) : null;

export function existingWorkflow(id: string): WorkflowDefinition {
  const workflow = workflowById(id);
  if (!workflow) throw new AppError('not_found', `No such workflow: ${id}`);
  return workflow;
}

export const workflowParam = z.object({ id: z.string().regex(/^[a-z_]{1,40}$/) });
const idempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\w-]{8,100}$/)
    .optional()
    .describe('Repeat a request safely: the same key runs once'),
});

export const workflowRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/workflows',
      middleware: [requireRole('owner', 'operator', 'readonly')] as const,
      summary:
        'The scheduled workflows: schedule (in its time zone), last run and next run; and the sweep that ends runs a crash left running',
      responses: { 200: jsonResponse(WorkflowListSchema, 'Workflows'), ...errorResponses },
    }),
    async (c) => {
      const now = Date.now();
      const { timezone } = c.var.config.workflows;
      const rows = await Promise.all(
        workflows.map(async (workflow) => {
          const [last] = await recentRuns(c.var.services.d1, workflow.id, 1);
          return {
            id: workflow.id,
            title: workflow.title,
            cron: workflow.cron,
            timezone,
            nextRun: new Date(nextSlot(workflow.cron, timezone, now)).toISOString(),
            lastRun: last ? presentRun(last) : null,
            input: inputSchemaOf(workflow),
          };
        }),
      );
      const sweep = {
        cron: SCHEDULE_TRIGGER,
        nextRun: new Date(nextSlot(SCHEDULE_TRIGGER, 'UTC', now)).toISOString(),
        staleAfterMs: c.var.config.workflows.staleAfterMs,
        maxResumes: c.var.config.workflows.maxResumes,
      };
      return c.json({ workflows: rows, sweep }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/workflows/{id}/runs',
      middleware: [businessReader] as const,
      summary: "A workflow's run history, newest first",
      request: {
        params: workflowParam,
        query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      },
      responses: { 200: jsonResponse(WorkflowRunListSchema, 'Runs'), ...errorResponses },
    }),
    async (c) => {
      const workflow = existingWorkflow(c.req.valid('param').id);
      const runs = await recentRuns(c.var.services.d1, workflow.id, c.req.valid('query').limit);
      return c.json({ workflow: workflow.id, runs: runs.map(presentRun) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/workflows/{id}/run',
      middleware: [requireRole('owner', 'operator')] as const,
      summary:
        'Start a run of a workflow now, with an optional input; it runs in the background (poll GET /api/workflows/{id}/runs). The same Idempotency-Key answers with the same run',
      request: {
        params: workflowParam,
        headers: idempotencyHeader,
        body: { content: { 'application/json': { schema: WorkflowRunRequestSchema } }, required: false },
      },
      responses: {
        202: jsonResponse(
          WorkflowRunOutcomeSchema,
          'The run as it stands: started, or the run the key already started',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const workflow = existingWorkflow(c.req.valid('param').id);
      const key = c.req.valid('header')['idempotency-key'];
      // The body is optional: without one the run takes no input.
      const input = checkRunInput(workflow, c.req.valid('json')?.input);
      const outcome = await startWithServices(runnerScope(c), workflow, {
        trigger: 'manual',
        cron: null,
        tick: Date.now(),
        idempotencyKey: `manual:${workflow.id}:${key ?? crypto.randomUUID()}`,
        input,
      });
      return c.json(await accepted(c.var.services.d1, outcome), 202);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/workflows/runs/{runId}/retry',
      middleware: [requireRole('owner', 'operator')] as const,
      summary:
        'Retry a run: a failed run runs again from its failed step (once per failed run); a run a crash left running (no progress for WORKFLOW_STALE_AFTER_MS) is taken over and carried on from its first unfinished step',
      request: { params: z.object({ runId: z.uuid() }) },
      responses: {
        202: jsonResponse(WorkflowRunOutcomeSchema, 'The run that retries it, as it stands; it runs in the background'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const target = await findRun(c.var.services.d1, c.req.valid('param').runId);
      if (!target) throw new AppError('not_found', 'No such run');
      const outcome = await retryRun(runnerScope(c), target);
      if ('refused' in outcome) throw refusal(outcome.refused, target, c.var.config.workflows.staleAfterMs);
      return c.json(await accepted(c.var.services.d1, outcome), 202);
    },
  );

export async function accepted(db: D1Db, outcome: StartOutcome) {
  const run = await findRun(db, outcome.runId);
  return {
    duplicate: outcome.status === 'duplicate',
    resumed: outcome.status === 'resumed',
    run: run ? presentRun(run) : null,
  };
}

function refusal(
  reason: 'in_progress' | 'not_retryable' | 'unknown_workflow',
  run: WorkflowRunRow,
  staleAfterMs: number,
) {
  if (reason === 'unknown_workflow') return new AppError('not_found', 'The workflow of this run no longer exists');
  if (reason === 'not_retryable')
    return new AppError('conflict', `Only a failed or interrupted run can be retried; this one is ${run.status}`);
  const retryableAt = new Date(run.updatedAt + staleAfterMs).toISOString();
  return new AppError(
    'conflict',
    `This run is still making progress (last at ${new Date(run.updatedAt).toISOString()}); if it stops, it can be retried from ${retryableAt}`,
  );
}
