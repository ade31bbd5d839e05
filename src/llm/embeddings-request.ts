import { z } from 'zod';
import type { CallScopes } from '../budget/scopes';
import type { EmbeddingsRequest } from './embeddings-types';
import { UnsupportedParameterError } from './errors';

const MAX_INPUTS = 2_048;
const MAX_INPUT_CHARS = 100_000;

const text = z.string().min(1, 'must not be empty').max(MAX_INPUT_CHARS);
const tokenIds = z.array(z.number().int().min(0)).min(1);

/**
 * OpenAI's Embeddings body. Token-id arrays are read so they can be refused by name (providers
 * here take text); a parameter that is not listed is refused, never dropped.
 */
export const embeddingsBody = z.strictObject(
  {
    model: z.string().min(1).max(120).describe('An embeddings model: a catalogue id or a provider model id'),
    input: z
      .union([text, z.array(text).min(1).max(MAX_INPUTS), tokenIds, z.array(tokenIds).min(1).max(MAX_INPUTS)])
      .describe('A text or up to 2,048 texts; token-id arrays are refused'),
    encoding_format: z
      .enum(['float', 'base64'])
      .optional()
      .describe('float arrays, or base64 of little-endian float32 (what the openai SDK asks for)'),
    dimensions: z.number().int().min(1).max(8_192).optional().describe('Only for models that take it'),
    user: z.string().max(256).optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unsupported parameter(s): ${issue.keys.join(', ')}: the gateway refuses what it cannot honour`
        : undefined,
  },
);

export type EmbeddingsBody = z.infer<typeof embeddingsBody>;

const isTexts = (input: EmbeddingsBody['input']): input is string | string[] =>
  typeof input === 'string' || input.every((item) => typeof item === 'string');

export function toEmbeddingsRequest(
  body: EmbeddingsBody,
  context: { requestId: string; scopes: CallScopes; allowedModels?: string[] },
): EmbeddingsRequest {
  if (!isTexts(body.input)) {
    throw new UnsupportedParameterError('input', body.model, 'takes text only: token-id arrays are not supported');
  }
  return {
    model: body.model,
    input: typeof body.input === 'string' ? [body.input] : body.input,
    ...(body.dimensions !== undefined ? { dimensions: body.dimensions } : {}),
    ...(body.user !== undefined ? { user: body.user } : {}),
    scopes: context.scopes,
    requestId: context.requestId,
    ...(context.allowedModels ? { allowedModels: context.allowedModels } : {}),
  };
}
