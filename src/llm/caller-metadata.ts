import { z } from 'zod';

/**
 * OpenAI's `metadata`: at most 16 pairs, keys up to 64 characters, values up to 512 (OpenAI's
 * own limits). Kept on every ledger row of the call, never sent to a provider.
 */
export const callerMetadata = z
  .record(z.string().min(1).max(64), z.string().max(512))
  .refine((pairs) => Object.keys(pairs).length <= 16, 'at most 16 keys')
  .describe('Up to 16 string pairs (keys up to 64 characters, values up to 512), recorded on the ledger');
