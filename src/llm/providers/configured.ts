import { missingSecrets, type ProviderDefinition } from '../provider-definitions';
import { type EndpointOptions, openAiCompatibleEndpoint } from './endpoints';
import { openAiCompatibleProvider } from './openai-compatible';
import type { LlmProvider } from './types';

/**
 * The providers added by configuration that this deployment can call: each definition whose
 * secrets are all set becomes an OpenAI-compatible provider; one missing any is left out, so the
 * router sees it as not configured. Secret values are read from the Worker's env at this moment.
 */
export function configuredProviders(
  definitions: readonly ProviderDefinition[],
  secrets: Record<string, unknown>,
  options: Pick<EndpointOptions, 'timeoutMs'>,
  accessHeaders: Record<string, string>,
): Record<string, LlmProvider> {
  const registry: Record<string, LlmProvider> = {};
  for (const definition of definitions) {
    if (missingSecrets(definition, secrets).length > 0) continue;
    const value = (name: string) => String(secrets[name]);
    const headers = {
      ...Object.fromEntries(Object.entries(definition.headerSecrets).map(([header, name]) => [header, value(name)])),
      ...(definition.behindAccess ? accessHeaders : {}),
    };
    // A server that takes no key gets no authorization header.
    const apiKey = definition.apiKeySecret ? value(definition.apiKeySecret) : undefined;
    registry[definition.id] = openAiCompatibleProvider(
      definition.id,
      openAiCompatibleEndpoint(definition.baseUrl, apiKey, { ...options, headers }),
      {
        maxTokensField: definition.maxTokensField,
        support: {
          unsupported: definition.unsupportedParameters,
          toolChoices: ['auto', 'none', 'required', 'named'],
          jsonSchema: definition.jsonSchema,
          topPWithTemperature: true,
        },
      },
    );
  }
  return registry;
}
