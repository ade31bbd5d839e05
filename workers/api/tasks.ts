import { createRoute, z } from '@hono/zod-openapi';
import { TaskFileError } from '../../src/reactor/parse-task';
import { builtinTasks, findTask, listTasks, saveTask } from '../../src/reactor/registry';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { idempotencyHeaders, idempotent } from '../http/idempotency';
import { errorResponses, jsonResponse } from '../http/responses';
import { startTaskRun } from '../run-task-action';
import { RunStartedSchema, TaskListSchema, TaskSchema, TaskWithYamlSchema } from './schemas/runs';

const nameParam = z.object({ name: z.string().regex(/^[a-z][a-z0-9_]{1,47}$/, 'task names are lower_snake_case') });
const MAX_TASK_YAML = 64 * 1024;

const describeTask = (record: Awaited<ReturnType<typeof findTask>> & object) => ({
  name: record.definition.name,
  description: record.definition.description,
  agent: record.definition.agent,
  modelClass: record.definition.model_class,
  inputs: record.definition.inputs,
  fanout: record.definition.fanout ?? null,
  reduce: record.definition.reduce.kind,
  budget: record.definition.budget,
  source: record.source,
  version: record.version,
});

export const taskRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/tasks',
      middleware: [requireRole('owner', 'operator', 'readonly')] as const,
      summary: 'Atomic Reactor tasks: the built-in files and user tasks, with any file that failed to load',
      responses: { 200: jsonResponse(TaskListSchema, 'Tasks'), ...errorResponses },
    }),
    async (c) => {
      const tasks = await listTasks(c.var.services.postgres()?.db);
      return c.json({ tasks: tasks.map(describeTask), problems: builtinTasks().problems }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/tasks/{name}',
      middleware: [requireRole('owner', 'operator', 'readonly')] as const,
      summary: 'One task with its YAML',
      request: { params: nameParam },
      responses: { 200: jsonResponse(TaskWithYamlSchema, 'The task'), ...errorResponses },
    }),
    async (c) => {
      const record = await findTask(c.var.services.postgres()?.db, c.req.valid('param').name);
      if (!record) throw new AppError('not_found', 'No such task');
      return c.json({ ...describeTask(record), yaml: record.yaml }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/tasks/{name}',
      middleware: [requireRole('owner')] as const,
      summary: 'Add or change a task (YAML body); every save is a new version',
      request: { params: nameParam },
      responses: { 200: jsonResponse(TaskSchema, 'The saved version'), ...errorResponses },
    }),
    async (c) => {
      const postgres = c.var.services.postgres();
      if (!postgres) throw new AppError('unavailable', 'User tasks need Postgres (DATABASE_URL)');
      const yaml = await c.req.text();
      if (!yaml.trim()) throw new AppError('invalid_request', 'The body must be the task as YAML');
      if (yaml.length > MAX_TASK_YAML)
        throw new AppError('payload_too_large', `A task file is at most ${MAX_TASK_YAML} bytes`);
      try {
        const saved = await saveTask(postgres.db, c.req.valid('param').name, yaml, c.var.principal.clientId);
        return c.json(describeTask(saved), 200);
      } catch (error) {
        if (error instanceof TaskFileError)
          throw new AppError('invalid_request', error.message.split('\n')[0] ?? 'invalid task', error.problems);
        throw error;
      }
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/tasks/{name}/run',
      middleware: [requireRole('owner', 'operator'), idempotent()] as const,
      summary: 'Run a task as a swarm: one job per fan-out item, through the router, with the run as its budget scope',
      request: {
        params: nameParam,
        headers: idempotencyHeaders,
        body: {
          content: {
            'application/json': {
              schema: z.object({
                inputs: z.record(z.string(), z.unknown()).default({}),
                fanout: z
                  .number()
                  .int()
                  .min(1)
                  .max(500_000)
                  .optional()
                  .describe('Run only the first N items, or N variations'),
              }),
            },
          },
          required: true,
        },
      },
      responses: {
        202: jsonResponse(RunStartedSchema, 'The run, queued'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const progress = await startTaskRun(c, c.req.valid('param').name, body.inputs, body.fanout);
      return c.json({ ...progress, href: `/api/runs/${progress.runId}` }, 202);
    },
  );
