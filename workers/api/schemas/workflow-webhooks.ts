import { z } from '@hono/zod-openapi';
import { isoTime } from '../../http/responses';

export const WebhookSecretRequestSchema = z
  .object({
    graceSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .default(86_400)
      .describe('How long the secret this one replaces keeps verifying; default a day, at most 7 days, 0 ends it now'),
  })
  .strict()
  .openapi('WebhookSecretRequest');

const stateFields = {
  workflow: z.string(),
  createdAt: isoTime.describe('When the current secret was made'),
  previousValidUntil: isoTime
    .nullable()
    .describe('Until when the secret the last rotation replaced still verifies; null when none does'),
};

export const WebhookSecretStateSchema = z
  .object({ ...stateFields, configured: z.boolean() })
  .extend({ createdAt: stateFields.createdAt.nullable() })
  .openapi('WebhookSecretState');

export const WebhookSecretCreatedSchema = z
  .object({
    ...stateFields,
    secret: z.string().describe('Shown this once: sign deliveries with it (README, "Starting a workflow by webhook")'),
  })
  .openapi('WebhookSecretCreated');

export const WebhookSecretRevokedSchema = z
  .object({ workflow: z.string(), revoked: z.literal(true) })
  .openapi('WebhookSecretRevoked');
