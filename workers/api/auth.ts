import { createRoute, z } from '@hono/zod-openapi';
import { tokenKeys } from '../../durable-objects/clients';
import { signToken } from '../../src/auth/jwt';
import { storedTokenKeys } from '../../src/auth/token-key-cache';
import { auditNote } from '../http/audit';
import { authenticateKey, clientAddress } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { enforceRateLimit } from '../http/rate-limit';
import { errorResponses, jsonResponse } from '../http/responses';

const tokenRequest = z
  .object({ apiKey: z.string().min(1).max(200).describe('An emp_... API key') })
  .openapi('TokenRequest');
const tokenResponse = z
  .object({
    token: z.string(),
    tokenType: z.literal('Bearer'),
    expiresAt: z.string().describe('UTC ISO time; tokens live 24 hours'),
    role: z.enum(['owner', 'operator', 'readonly']),
  })
  .openapi('TokenResponse');

export const authRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/api/auth/token',
    summary: 'Exchange an API key for a 24-hour JWT',
    request: { body: { content: { 'application/json': { schema: tokenRequest } }, required: true } },
    responses: { 200: jsonResponse(tokenResponse, 'A signed token'), ...errorResponses },
  }),
  async (c) => {
    // Limited by address before the key is checked, so keys cannot be guessed at speed.
    await enforceRateLimit(c, `ip:${clientAddress(c)}`);
    const keys = await storedTokenKeys(tokenKeys(c.env));
    const principal = await authenticateKey(c, c.req.valid('json').apiKey);
    if (!principal) throw new AppError('unauthorized', 'The API key is not valid');
    auditNote(c, {
      actor: { kind: 'api_key', id: principal.clientId, role: principal.role, keyPrefix: principal.keyPrefix },
      target: { type: 'token' },
    });
    const { token, expiresAt } = await signToken(principal, keys);
    return c.json(
      { token, tokenType: 'Bearer' as const, expiresAt: new Date(expiresAt).toISOString(), role: principal.role },
      200,
    );
  },
);
