import { createRoute, z } from '@hono/zod-openapi';
import { agentObject } from '../../durable-objects/clients';
import { actionKinds, createAction, findAction, priorities } from '../../src/agents/actions-store';
import { brainstormAgents } from '../../src/agents/orchestrator';
import { type AgentId, agentIds, isAgentId } from '../../src/agents/personas';
import { pickAgentFor } from '../../src/agents/pick-agent';
import { mayView } from '../../src/auth/scoping';
import { changingAgent } from '../brain-summaries';
import { auditNote } from '../http/audit';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { idempotencyHeaders, idempotent } from '../http/idempotency';
import { errorResponses, jsonResponse } from '../http/responses';
import { runTaskAction } from '../run-task-action';
import { ActionAcceptedSchema, ActionSchema } from './schemas/actions';

const actionBody = z
  .object({
    action: z.enum(actionKinds),
    input: z
      .string()
      .max(20_000)
      .default('')
      .describe('The question, topic or decision; treated as data, never as instructions'),
    priority: z.enum(priorities).default('normal').describe('low runs one model class cheaper; high adds voices'),
    agent: z.enum(agentIds).optional().describe('Which brain; ask picks one by the input when omitted'),
    inputs: z.record(z.string(), z.unknown()).optional().describe('run-task: the task inputs (input names the task)'),
  })
  .openapi('ActionRequest');

function agentsFor(action: z.infer<typeof actionBody>): AgentId[] {
  switch (action.action) {
    case 'ask':
      return [action.agent ?? pickAgentFor(action.input)];
    case 'decide':
      return ['numbers', 'ceo'];
    case 'brainstorm':
      return brainstormAgents(action.priority);
    default:
      if (!action.agent) throw new AppError('invalid_request', `${action.action} needs an agent`);
      return [action.agent];
  }
}

export const actionRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/action',
      middleware: [requireRole('owner', 'operator'), idempotent()] as const,
      summary: 'Run an action: ask, decide, brainstorm, pause or resume an agent',
      request: {
        headers: idempotencyHeaders,
        body: { content: { 'application/json': { schema: actionBody } }, required: true },
      },
      responses: {
        200: jsonResponse(ActionAcceptedSchema, 'Pause or resume: done at once'),
        202: jsonResponse(ActionAcceptedSchema, 'Queued; follow it at /api/actions/{id}'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      if (body.action === 'run-task')
        return c.json(await runTaskAction(c, body.input.trim(), body.inputs ?? {}, body.priority), 202);
      if ((body.action === 'ask' || body.action === 'decide' || body.action === 'brainstorm') && !body.input.trim()) {
        throw new AppError('invalid_request', `${body.action} needs an input`);
      }
      const postgres = c.var.services.postgres();
      if (!postgres) throw new AppError('unavailable', 'Actions need Postgres (DATABASE_URL)');
      const agents = agentsFor(body);
      const id = crypto.randomUUID();
      const requestedBy = c.var.principal.clientId;
      auditNote(c, { target: { type: 'actions', id }, details: { kind: body.action, agents } });
      if (body.action === 'pause' || body.action === 'resume') {
        const [agent] = agents;
        if (!agent || !isAgentId(agent)) throw new AppError('invalid_request', 'pause and resume need an agent');
        const snapshot = await changingAgent(agentObject(c.env, agent).setPaused(agent, body.action === 'pause'));
        await createAction(postgres.db, { id, ...body, agents, requestedBy, status: 'done' });
        return c.json({ id, action: body.action, status: 'done' as const, agents, agent: snapshot }, 200);
      }
      const paused = (await Promise.all(agents.map((agent) => agentObject(c.env, agent).summary(agent)))).filter(
        (snapshot) => snapshot.status === 'paused',
      );
      if (paused.length > 0) {
        throw new AppError('conflict', `Paused: ${paused.map((snapshot) => snapshot.agent).join(', ')}; resume first`);
      }
      await createAction(postgres.db, { id, ...body, agents, requestedBy, status: 'queued' });
      await c.env.JOBS.send({ kind: 'agent.action', actionId: id });
      return c.json({ id, action: body.action, status: 'queued' as const, agents, href: `/api/actions/${id}` }, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/actions/{id}',
      middleware: [requireRole('owner', 'operator', 'readonly')] as const,
      summary: "An action's state and result",
      request: { params: z.object({ id: z.uuid() }) },
      responses: { 200: jsonResponse(ActionSchema, 'The action'), ...errorResponses },
    }),
    async (c) => {
      const postgres = c.var.services.postgres();
      if (!postgres) throw new AppError('unavailable', 'Actions need Postgres (DATABASE_URL)');
      const row = await findAction(postgres.db, c.req.valid('param').id);
      // Another client's action (its input, its answer) is not found to a non-owner.
      if (!row || !mayView(c.var.principal, row.requestedBy)) throw new AppError('not_found', 'No such action');
      return c.json(
        {
          id: row.id,
          action: row.action,
          status: row.status,
          priority: row.priority,
          agents: row.agents,
          input: row.input,
          result: row.result,
          error: row.error,
          costMicros: row.costMicros,
          conversationId: row.conversationId,
          createdAt: row.createdAt.toISOString(),
          updatedAt: row.updatedAt.toISOString(),
        },
        200,
      );
    },
  );
