import { z } from '@hono/zod-openapi';
import { refusableParameters } from '../../../src/llm/provider-definitions';

export const CatalogueModelSchema = z
  .object({
    id: z.string().describe('`provider/model`, the id used in policies and the gateway'),
    provider: z.string(),
    modelId: z.string().describe("The provider's own model id"),
    displayName: z.string(),
    inputMicrosPerMillion: z.number().int().describe('Integer micro-USD per million input tokens'),
    outputMicrosPerMillion: z.number().int().describe('Integer micro-USD per million output tokens'),
    contextWindow: z.number().int(),
    maxOutput: z.number().int(),
    capabilities: z.array(z.string()),
    active: z.boolean(),
  })
  .openapi('CatalogueModel');

export const CatalogueModelListSchema = z
  .object({
    models: z.array(CatalogueModelSchema),
    cacheSeconds: z.number().int().describe('How long another isolate may still route on its copy from before a write'),
  })
  .openapi('CatalogueModelList');

export const ConfiguredProviderSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    baseUrl: z.string(),
    apiKeySecret: z.string().nullable().describe('The name of the secret holding the key, never its value'),
    headerSecrets: z.record(z.string(), z.string()).describe('Header name -> secret name'),
    behindAccess: z.boolean(),
    maxTokensField: z.enum(['max_tokens', 'max_completion_tokens']),
    unsupportedParameters: z.array(z.enum(refusableParameters)),
    jsonSchema: z.boolean(),
    configured: z.boolean().describe('Every secret it names is set in this deployment'),
    missingSecrets: z.array(z.string()).describe('Secrets to set with `wrangler secret put` before it can be called'),
    models: z.array(z.string()).describe('Catalogue models on this provider'),
  })
  .openapi('ConfiguredProvider');

export const ConfiguredProviderListSchema = z
  .object({ providers: z.array(ConfiguredProviderSchema) })
  .openapi('ConfiguredProviderList');
