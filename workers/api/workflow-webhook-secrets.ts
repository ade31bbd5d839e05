import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  revokeWebhookSecret,
  rotateWebhookSecret,
  type WebhookSecretState,
  webhookSecretState,
} from '../../src/workflows/webhook-secrets';
import type { AppEnv } from '../http/app-env';
import { auditNote } from '../http/audit';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { errorResponses, jsonResponse } from '../http/responses';
import {
  WebhookSecretCreatedSchema,
  WebhookSecretRequestSchema,
  WebhookSecretRevokedSchema,
  WebhookSecretStateSchema,
} from './schemas/workflow-webhooks';
import { existingWorkflow, workflowParam } from './workflows';

const ownerOnly = requireRole('owner');
const path = '/api/workflows/{id}/webhook-secret';

function sealingKey(c: Context<AppEnv>): string {
  const key = c.var.config.workflows.webhookKey;
  if (!key)
    throw new AppError(
      'unavailable',
      'Workflow webhooks need WORKFLOW_WEBHOOK_KEY, the Worker secret their secrets are sealed with',
    );
  return key;
}

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
const presentState = (workflow: string, state: WebhookSecretState) => ({
  workflow,
  createdAt: new Date(state.createdAt).toISOString(),
  previousValidUntil: iso(state.previousValidUntil),
});

export const workflowWebhookSecretRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path,
      middleware: [ownerOnly] as const,
      summary:
        "Whether a workflow's webhook has a secret, when it was made, and a replaced one's grace (never a secret)",
      request: { params: workflowParam },
      responses: { 200: jsonResponse(WebhookSecretStateSchema, 'The state of the secret'), ...errorResponses },
    }),
    async (c) => {
      const workflow = existingWorkflow(c.req.valid('param').id);
      const state = await webhookSecretState(c.var.services.d1, workflow.id);
      if (!state)
        return c.json({ workflow: workflow.id, configured: false, createdAt: null, previousValidUntil: null }, 200);
      return c.json({ ...presentState(workflow.id, state), configured: true }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path,
      middleware: [ownerOnly] as const,
      summary:
        "Create or rotate a workflow's webhook secret (owner); the answer holds the secret, once. A replaced secret keeps verifying for graceSeconds",
      request: {
        params: workflowParam,
        body: { content: { 'application/json': { schema: WebhookSecretRequestSchema } }, required: false },
      },
      responses: { 201: jsonResponse(WebhookSecretCreatedSchema, 'The new secret'), ...errorResponses },
    }),
    async (c) => {
      const workflow = existingWorkflow(c.req.valid('param').id);
      // The body is optional: without one the default grace applies.
      const { graceSeconds } = WebhookSecretRequestSchema.parse(c.req.valid('json') ?? {});
      const { secret, state } = await rotateWebhookSecret(
        c.var.services.d1,
        sealingKey(c),
        workflow.id,
        graceSeconds * 1000,
      );
      auditNote(c, {
        target: { type: 'workflows', id: workflow.id },
        details: { webhookSecret: 'rotated', graceSeconds },
      });
      return c.json({ ...presentState(workflow.id, state), secret }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path,
      middleware: [ownerOnly] as const,
      summary: "Revoke a workflow's webhook secret (owner), and a replaced one in its grace: every delivery is refused",
      request: { params: workflowParam },
      responses: { 200: jsonResponse(WebhookSecretRevokedSchema, 'Revoked'), ...errorResponses },
    }),
    async (c) => {
      const workflow = existingWorkflow(c.req.valid('param').id);
      if (!(await revokeWebhookSecret(c.var.services.d1, workflow.id)))
        throw new AppError('not_found', `${workflow.id} has no webhook secret`);
      auditNote(c, { target: { type: 'workflows', id: workflow.id }, details: { webhookSecret: 'revoked' } });
      return c.json({ workflow: workflow.id, revoked: true as const }, 200);
    },
  );
