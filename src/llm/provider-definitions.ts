import { z } from 'zod';
import { environmentSchema } from '../config/config-schema';
import { providerIds } from './providers/types';

/** A provider id as it appears in catalogue ids (`<provider>/<model>`) and the API. */
export const providerIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,31}$/, 'must be 2-32 of a-z 0-9 - starting with a letter');

/** The variables the product itself reads: a provider may not name them, or it could send them anywhere. */
const productVariables = new Set(Object.keys(environmentSchema.shape));

const secretName = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'must be a secret name such as TOGETHER_API_KEY (A-Z 0-9 _)')
  .refine((name) => !productVariables.has(name), {
    message: 'names a variable the product reads itself; give this provider a secret of its own',
  });

// Names a fetch would refuse or that the gateway sets itself: a definition may not override them.
const reservedHeaders = new Set([
  'authorization',
  'content-type',
  'content-length',
  'host',
  'cf-access-client-id',
  'cf-access-client-secret',
]);
const headerName = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an HTTP header name')
  .refine((name) => !reservedHeaders.has(name.toLowerCase()), {
    message: 'is set by the gateway itself (the key goes in apiKeySecret, Access headers with behindAccess)',
  });

export const refusableParameters = [
  'seed',
  'logit_bias',
  'presence_penalty',
  'frequency_penalty',
  'parallel_tool_calls',
] as const;

/** What the owner writes to add an OpenAI-compatible provider; no secret value ever appears in it. */
export const providerDefinitionFields = {
  displayName: z.string().trim().min(1).max(100),
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .describe(
      'The OpenAI-compatible API root, e.g. https://api.together.xyz/v1 (chat goes to <baseUrl>/chat/completions)',
    ),
  apiKeySecret: secretName
    .nullable()
    .describe('Name of the Worker secret holding the key (`wrangler secret put NAME`); null for a server without keys'),
  headerSecrets: z
    .record(headerName, secretName)
    .refine((headers) => Object.keys(headers).length <= 10, 'at most 10 headers')
    .describe('Extra headers: header name -> name of the secret holding its value'),
  behindAccess: z
    .boolean()
    .describe('Self-hosted behind Cloudflare Access: send CF_ACCESS_CLIENT_ID / _SECRET as CF-Access-Client-* headers'),
  maxTokensField: z.enum(['max_tokens', 'max_completion_tokens']),
  unsupportedParameters: z
    .array(z.enum(refusableParameters))
    .max(refusableParameters.length)
    .describe('Parameters the upstream cannot honour: refused by name instead of sent'),
  jsonSchema: z.boolean().describe('Whether it takes response_format json_schema'),
};

export const newProviderSchema = z.strictObject({
  id: providerIdSchema.refine((id) => !(providerIds as readonly string[]).includes(id), {
    message: 'is a built-in provider, configured by its own variables',
  }),
  displayName: providerDefinitionFields.displayName,
  baseUrl: providerDefinitionFields.baseUrl,
  apiKeySecret: providerDefinitionFields.apiKeySecret,
  headerSecrets: providerDefinitionFields.headerSecrets.default({}),
  behindAccess: providerDefinitionFields.behindAccess.default(false),
  maxTokensField: providerDefinitionFields.maxTokensField.default('max_tokens'),
  unsupportedParameters: providerDefinitionFields.unsupportedParameters.default([]),
  jsonSchema: providerDefinitionFields.jsonSchema.default(true),
});

export const providerChangeSchema = z
  .strictObject({
    displayName: providerDefinitionFields.displayName.optional(),
    baseUrl: providerDefinitionFields.baseUrl.optional(),
    apiKeySecret: providerDefinitionFields.apiKeySecret.optional(),
    headerSecrets: providerDefinitionFields.headerSecrets.optional(),
    behindAccess: providerDefinitionFields.behindAccess.optional(),
    maxTokensField: providerDefinitionFields.maxTokensField.optional(),
    unsupportedParameters: providerDefinitionFields.unsupportedParameters.optional(),
    jsonSchema: providerDefinitionFields.jsonSchema.optional(),
  })
  .refine((change) => Object.keys(change).length > 0, 'names no field to change');

export type ProviderDefinition = z.output<typeof newProviderSchema>;
export type ProviderChange = z.output<typeof providerChangeSchema>;

export const ACCESS_SECRETS = ['CF_ACCESS_CLIENT_ID', 'CF_ACCESS_CLIENT_SECRET'] as const;

/**
 * The secrets a definition needs that this deployment does not have (a blank value counts as
 * missing); a provider behind Access needs the service token too.
 */
export function missingSecrets(definition: ProviderDefinition, secrets: Record<string, unknown>): string[] {
  const named = [
    ...(definition.apiKeySecret ? [definition.apiKeySecret] : []),
    ...Object.values(definition.headerSecrets),
    ...(definition.behindAccess ? ACCESS_SECRETS : []),
  ];
  return [...new Set(named)].filter((name) => {
    const value = secrets[name];
    return typeof value !== 'string' || value === '';
  });
}
