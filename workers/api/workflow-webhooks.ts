import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { claimOnce } from '../../src/channels/claim';
import { SIGNATURE_WINDOW_MS, type SignatureProblem, signatureProblem } from '../../src/channels/webhook-signature';
import { findRun } from '../../src/workflows/run-history';
import { checkRunInput } from '../../src/workflows/run-input';
import { runIdFor } from '../../src/workflows/run-workflow';
import { verifyingSecrets } from '../../src/workflows/webhook-secrets';
import type { AppEnv } from '../http/app-env';
import { auditNote } from '../http/audit';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { ErrorSchema, errorResponses, jsonResponse } from '../http/responses';
import { issuesOf } from '../http/validation';
import { webhookClaimStores } from '../webhook-claims';
import { startWithServices } from '../workflow-runner';
import { WorkflowRunOutcomeSchema, WorkflowRunRequestSchema } from './schemas/workflows';
import { accepted, existingWorkflow, runnerScope, workflowParam } from './workflows';

/** A delivery's body is a small JSON input, stored on its run: far below the API's own body limit. */
export const WEBHOOK_BODY_MAX_BYTES = 64 * 1024;
const DELIVERY_ID = /^[A-Za-z0-9_-]{8,100}$/;

const signatureRefusals: Record<SignatureProblem, string> = {
  missing: 'X-Empire-Timestamp and X-Empire-Signature are required',
  malformed_timestamp: 'X-Empire-Timestamp must be Unix time in seconds',
  stale: `X-Empire-Timestamp is more than ${SIGNATURE_WINDOW_MS / 60_000} minutes from the server's clock`,
  mismatch: 'X-Empire-Signature does not match the body and timestamp',
};

async function readBody(c: Context<AppEnv>): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? 0);
  const tooLarge = new AppError(
    'payload_too_large',
    `A delivery's body may be at most ${WEBHOOK_BODY_MAX_BYTES} bytes`,
  );
  if (declared > WEBHOOK_BODY_MAX_BYTES) throw tooLarge;
  const raw = await c.req.arrayBuffer();
  if (raw.byteLength > WEBHOOK_BODY_MAX_BYTES) throw tooLarge;
  return new TextDecoder().decode(raw);
}

function parseDelivery(text: string) {
  let body: unknown = {};
  try {
    if (text.trim() !== '') body = JSON.parse(text);
  } catch {
    throw new AppError('malformed_json', 'The body is not valid JSON');
  }
  const parsed = WorkflowRunRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    throw new AppError('invalid_request', `Invalid body: ${issues[0]?.message ?? 'bad input'}`, issues);
  }
  return parsed.data;
}

export const workflowWebhookRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/webhooks/workflows/{id}',
    security: [],
    summary: 'Start a workflow run from a signed webhook, with input; each delivery id starts at most one run',
    description:
      'Signed with the secret from POST /api/workflows/{id}/webhook-secret: X-Empire-Signature is `sha256=` and the hex HMAC-SHA256 of `<X-Empire-Timestamp>.<raw body>`; the timestamp (Unix seconds) must be within 5 minutes of the server clock. X-Empire-Delivery (8-100 of A-Z a-z 0-9 _ -) names the run: the same delivery id answers with the same run, never a second one. The body is `{ "input": {...} }` (or empty), checked against the workflow\'s input schema. The run belongs to the owner.',
    request: { params: workflowParam },
    responses: {
      200: jsonResponse(WorkflowRunOutcomeSchema, 'This delivery id already started a run: that run, as it stands'),
      202: jsonResponse(WorkflowRunOutcomeSchema, 'The run started; it runs in the background'),
      ...errorResponses,
      401: jsonResponse(ErrorSchema, 'Missing, stale or wrong signature'),
      404: jsonResponse(ErrorSchema, 'No such workflow, or it has no webhook secret'),
      409: jsonResponse(ErrorSchema, 'This signed request was already delivered under another delivery id'),
    },
  }),
  async (c) => {
    const workflow = existingWorkflow(c.req.valid('param').id);
    const sealingKey = c.var.config.workflows.webhookKey;
    if (!sealingKey) throw new AppError('not_found', 'Workflow webhooks are not configured (WORKFLOW_WEBHOOK_KEY)');
    const now = Date.now();
    const secrets = await verifyingSecrets(c.var.services.d1, sealingKey, workflow.id, now);
    if (!secrets) throw new AppError('not_found', `${workflow.id} has no webhook secret; the owner creates one first`);
    const text = await readBody(c);
    const signature = c.req.header('x-empire-signature');
    const problem = await signatureProblem(secrets, c.req.header('x-empire-timestamp'), signature, text, now);
    if (problem) throw new AppError('unauthorized', signatureRefusals[problem]);
    auditNote(c, {
      actor: { kind: 'webhook', id: `workflow:${workflow.id}` },
      target: { type: 'workflows', id: workflow.id },
    });
    const delivery = c.req.header('x-empire-delivery') ?? '';
    if (!DELIVERY_ID.test(delivery))
      throw new AppError('invalid_request', 'X-Empire-Delivery must be 8-100 of A-Z a-z 0-9 _ - (a UUID will do)');
    const input = checkRunInput(workflow, parseDelivery(text).input);
    const idempotencyKey = `webhook:${workflow.id}:${delivery}`;
    // The signature covers the timestamp and body, not the delivery id: the same signed request
    // under a new delivery id would start a second run, so each signature is taken once.
    if (!(await claimOnce(`workflow-webhook:${signature}`, webhookClaimStores(c), (2 * SIGNATURE_WINDOW_MS) / 1000))) {
      const run = await findRun(c.var.services.d1, await runIdFor(idempotencyKey));
      if (!run) throw new AppError('conflict', 'This signed request was already delivered under another delivery id');
    }
    const outcome = await startWithServices(runnerScope(c), workflow, {
      trigger: 'webhook',
      cron: null,
      tick: now,
      idempotencyKey,
      input,
    });
    c.var.log.info('workflow webhook', {
      workflow: workflow.id,
      delivery,
      runId: outcome.runId,
      status: outcome.status,
    });
    const answer = await accepted(c.var.services.d1, outcome);
    return outcome.status === 'duplicate' ? c.json(answer, 200) : c.json(answer, 202);
  },
);
