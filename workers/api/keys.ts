import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { budgetLedger } from '../../durable-objects/clients';
import { roles } from '../../src/auth/api-keys';
import { forgetKeys } from '../../src/auth/authenticate';
import {
  createApiKey,
  findApiKey,
  type KeyRecord,
  keyState,
  listApiKeys,
  otherActiveOwnerKeys,
  revokeApiKey,
  rotateApiKey,
  rotationDue,
} from '../../src/auth/key-store';
import { budgetSettings, toUsdMicros } from '../../src/budget/settings';
import { findModel } from '../../src/llm/catalogue';
import { loadCatalogue } from '../../src/llm/catalogue-store';
import type { AppEnv } from '../http/app-env';
import { auditNote } from '../http/audit';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { errorResponses, jsonResponse } from '../http/responses';
import { ApiKeyListSchema, ApiKeySchema, NewApiKeySchema, RotatedApiKeySchema } from './schemas/keys';

const DAY_MS = 86_400_000;
const ownerOnly = requireRole('owner');
const keyId = z.object({ id: z.uuid() });

const newKeyRequest = z
  .object({
    name: z.string().trim().min(1).max(100).describe('Who or what holds the key'),
    role: z.enum(roles),
    expiresAt: z.iso.datetime({ offset: true }).optional().describe('When the key stops; default never'),
    budget: z
      .object({
        day: z.number().nonnegative().max(1_000_000).optional(),
        month: z.number().nonnegative().max(1_000_000).optional(),
        currency: z.enum(['USD', 'budget']).default('budget'),
      })
      .strict()
      .optional()
      .describe("Caps on this key's client scope, per day and per month"),
    models: z.array(z.string().min(1).max(200)).min(1).max(100).optional().describe('Models the key may call'),
  })
  .strict()
  .openapi('NewApiKeyRequest');

const rotateRequest = z
  .object({
    graceSeconds: z
      .number()
      .int()
      .min(0)
      .max(30 * 86_400)
      .default(86_400)
      .describe('How long the old key keeps working; default a day, at most 30 days'),
  })
  .strict();

export function presentKey(key: KeyRecord, now = Date.now()) {
  const iso = (at: Date | null) => (at ? at.toISOString() : null);
  return {
    id: key.id,
    label: key.label,
    prefix: key.prefix,
    role: key.role,
    clientId: key.clientId,
    state: keyState(key, now),
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: iso(key.lastUsedAt),
    expiresAt: iso(key.expiresAt),
    revokedAt: iso(key.revokedAt),
    replacedBy: key.replacedBy,
    allowedModels: key.allowedModels,
    ageDays: Math.floor((now - key.createdAt.getTime()) / DAY_MS),
    rotationDue: rotationDue(key, now),
  };
}

function keysDatabase(c: Context<AppEnv>) {
  const db = c.var.services.postgres()?.db;
  if (!db) throw new AppError('unavailable', 'API keys live in Postgres (DATABASE_URL)');
  return db;
}

async function existingKey(c: Context<AppEnv>, id: string): Promise<KeyRecord> {
  const key = await findApiKey(keysDatabase(c), id);
  if (!key) throw new AppError('not_found', 'No such API key');
  return key;
}

/** Names are checked against the live catalogue, so a typo is refused rather than locking the key out. */
async function checkedModels(c: Context<AppEnv>, names: string[] | undefined): Promise<string[] | undefined> {
  if (!names) return undefined;
  const catalogue = await loadCatalogue(() => c.var.services.postgres()?.db);
  return names.map((name, index) => {
    const model = findModel(catalogue, name);
    if (!model) {
      throw new AppError('invalid_request', `models[${index}]: ${name} is not in the catalogue`, {
        param: `models[${index}]`,
      });
    }
    return model.id;
  });
}

export const keyRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/keys',
      middleware: [ownerOnly] as const,
      summary: 'Create an API key (owner); the key itself is in this answer only',
      request: { body: { content: { 'application/json': { schema: newKeyRequest } }, required: true } },
      responses: { 201: jsonResponse(NewApiKeySchema, 'The new key and its secret'), ...errorResponses },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const expiresAt = body.expiresAt ? new Date(body.expiresAt) : undefined;
      if (expiresAt && expiresAt.getTime() <= Date.now())
        throw new AppError('invalid_request', 'expiresAt is in the past', { param: 'expiresAt' });
      const allowedModels = await checkedModels(c, body.models);
      const db = keysDatabase(c);
      const { record, secret } = await createApiKey(db, {
        label: body.name,
        role: body.role,
        expiresAt,
        allowedModels,
      });
      if (body.budget) {
        const settings = budgetSettings(c.var.config);
        const { currency, ...windows } = body.budget;
        for (const window of ['day', 'month'] as const) {
          const amount = windows[window];
          if (amount === undefined) continue;
          const micros =
            currency === 'USD' ? Math.floor(amount * 1_000_000) : toUsdMicros(amount, settings.currencyPerUsd);
          await budgetLedger(c.env).setCap({ kind: 'client', id: record.clientId }, window, micros);
        }
      }
      auditNote(c, { target: { type: 'keys', id: record.id }, details: { role: record.role, prefix: record.prefix } });
      return c.json({ key: presentKey(record), secret }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/keys',
      middleware: [ownerOnly] as const,
      summary: 'API keys (owner); never their secrets',
      request: {
        query: z.object({
          state: z.enum(['active', 'all']).default('active').describe('Active keys, or revoked and expired ones too'),
        }),
      },
      responses: { 200: jsonResponse(ApiKeyListSchema, 'The keys, newest first'), ...errorResponses },
    }),
    async (c) => {
      const keys = await listApiKeys(keysDatabase(c), c.req.valid('query').state === 'all');
      const now = Date.now();
      return c.json({ items: keys.map((key) => presentKey(key, now)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api/keys/{id}',
      middleware: [ownerOnly] as const,
      summary: 'Revoke an API key (owner): it and its tokens stop within a minute',
      request: { params: keyId },
      responses: { 200: jsonResponse(ApiKeySchema, 'The revoked key'), ...errorResponses },
    }),
    async (c) => {
      const key = await existingKey(c, c.req.valid('param').id);
      const db = keysDatabase(c);
      if (key.role === 'owner' && keyState(key) === 'active' && !c.var.config.devOwnerKey) {
        if ((await otherActiveOwnerKeys(db, key.id)) === 0)
          throw new AppError('conflict', 'This is the last active owner key: create another owner key first');
      }
      const revoked = await revokeApiKey(db, key.id);
      if (!revoked) throw new AppError('not_found', 'No such API key');
      forgetKeys();
      auditNote(c, { target: { type: 'keys', id: key.id }, details: { prefix: key.prefix } });
      return c.json(presentKey(revoked), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/keys/{id}/rotate',
      middleware: [ownerOnly] as const,
      summary: 'Rotate an API key (owner): a new secret for the same client; the old one lasts the grace period',
      request: {
        params: keyId,
        body: { content: { 'application/json': { schema: rotateRequest } }, required: false },
      },
      responses: {
        201: jsonResponse(RotatedApiKeySchema, 'The new key, its secret and the old key'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const key = await existingKey(c, c.req.valid('param').id);
      if (keyState(key) !== 'active')
        throw new AppError('conflict', `The key is ${keyState(key)}; only an active key rotates`);
      if (key.replacedBy)
        throw new AppError('conflict', `The key was already rotated; its successor is ${key.replacedBy}`);
      // The body is optional: without one the default grace applies.
      const { graceSeconds } = rotateRequest.parse(c.req.valid('json') ?? {});
      const rotated = await rotateApiKey(keysDatabase(c), key, graceSeconds * 1000);
      forgetKeys();
      auditNote(c, {
        target: { type: 'keys', id: key.id },
        details: { newKey: rotated.record.id, prefix: rotated.record.prefix, graceSeconds },
      });
      return c.json(
        { key: presentKey(rotated.record), secret: rotated.secret, previous: presentKey(rotated.previous) },
        201,
      );
    },
  );
