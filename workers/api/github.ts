import { createRoute } from '@hono/zod-openapi';
import { claimOnce } from '../../src/channels/claim';
import { answerOnGithub } from '../../src/channels/github-answer';
import { issueCommandFrom } from '../../src/channels/github-event';
import { verifyGithubSignature } from '../../src/channels/secrets';
import { commandScopeFor } from '../channels/command-context';
import { auditNote } from '../http/audit';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { ErrorSchema, errorResponses, jsonResponse } from '../http/responses';
import { webhookClaimStores } from '../webhook-claims';
import { GithubDeliverySchema } from './schemas/gateway';

const DELIVERY_ID = /^[A-Za-z0-9-]{8,100}$/;

export const githubRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/webhooks/github',
    summary: 'GitHub webhook: `/empire <command>` in a new issue or comment runs a command and answers as a comment',
    description:
      'Signed with X-Hub-Signature-256 over the raw body; each X-GitHub-Delivery is handled once. Only allow-listed logins may command.',
    responses: {
      200: jsonResponse(GithubDeliverySchema, 'Verified, nothing to run (not a command, or the login may not command)'),
      202: jsonResponse(GithubDeliverySchema, 'Verified; the command runs and its answer is posted as a comment'),
      ...errorResponses,
      401: jsonResponse(ErrorSchema, 'Missing or wrong signature'),
      409: jsonResponse(ErrorSchema, 'This delivery was already handled'),
    },
  }),
  async (c) => {
    const settings = c.var.config.github;
    if (!settings) throw new AppError('not_found', 'GitHub commands are not configured (GITHUB_WEBHOOK_SECRET)');
    const raw = await c.req.arrayBuffer();
    if (!(await verifyGithubSignature(settings.webhookSecret, raw, c.req.header('X-Hub-Signature-256'))))
      throw new AppError('unauthorized', 'Missing or wrong X-Hub-Signature-256');
    auditNote(c, { actor: { kind: 'webhook', id: 'github' }, target: { type: 'github' } });
    const delivery = c.req.header('X-GitHub-Delivery') ?? '';
    if (!DELIVERY_ID.test(delivery)) throw new AppError('invalid_request', 'X-GitHub-Delivery is missing or malformed');
    let payload: unknown;
    try {
      payload = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      throw new AppError('malformed_json', 'The request body is not valid JSON');
    }
    const issueCommand = issueCommandFrom(c.req.header('X-GitHub-Event'), payload);
    const { token } = settings;
    if (issueCommand && !token)
      throw new AppError('unavailable', 'GITHUB_TOKEN is not configured, so commands cannot be answered');
    if (!(await claimOnce(`github:delivery:${delivery}`, webhookClaimStores(c))))
      throw new AppError('conflict', `Delivery ${delivery} was already handled`);
    if (!issueCommand || !token) return c.json({ delivery, handled: false, reason: 'not a command' }, 200);
    if (!settings.allowedLogins.includes(issueCommand.login)) {
      c.var.log.warn('github command from a login not allowed', { login: issueCommand.login, delivery });
      return c.json({ delivery, handled: false, reason: 'login not allowed' }, 200);
    }
    auditNote(c, { details: { login: issueCommand.login, command: issueCommand.command.name } });
    const scope = commandScopeFor(c, `github:${issueCommand.login}`);
    c.executionCtx.waitUntil(answerOnGithub(issueCommand, scope, { apiUrl: settings.apiUrl, token }, c.var.log));
    return c.json({ delivery, handled: true, command: issueCommand.command.name }, 202);
  },
);
