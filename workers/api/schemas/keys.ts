import { z } from '@hono/zod-openapi';
import { roles } from '../../../src/auth/api-keys';
import { isoTime } from '../../http/responses';

export const ApiKeySchema = z
  .object({
    id: z.uuid(),
    label: z.string(),
    prefix: z.string().describe('The first characters of the key, safe to show'),
    role: z.enum(roles),
    clientId: z.string().describe('The client the key speaks for: its budget scope; kept across rotations'),
    state: z.enum(['active', 'expired', 'revoked']),
    createdAt: isoTime,
    lastUsedAt: isoTime.nullable().describe('Last authenticated use, to within a minute'),
    expiresAt: isoTime.nullable(),
    revokedAt: isoTime.nullable(),
    replacedBy: z.uuid().nullable().describe('The key that replaced this one by rotation'),
    allowedModels: z.array(z.string()).nullable().describe('Models the key may call; null allows all'),
    ageDays: z.number().int(),
    rotationDue: z.boolean().describe('Active and older than 90 days'),
  })
  .openapi('ApiKey');

export const ApiKeyListSchema = z.object({ items: z.array(ApiKeySchema) }).openapi('ApiKeyList');

export const NewApiKeySchema = z
  .object({
    key: ApiKeySchema,
    secret: z.string().describe('The API key itself; shown only in this answer'),
  })
  .openapi('NewApiKey');

export const RotatedApiKeySchema = NewApiKeySchema.extend({
  previous: ApiKeySchema.describe('The old key, valid until its expiresAt'),
}).openapi('RotatedApiKey');
