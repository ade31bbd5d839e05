import { accessHeaders, type Config } from '../../config/config';
import { anthropicProvider } from './anthropic';
import { anthropicEndpoint, ollamaEndpoint, openAiCompatibleEndpoint } from './endpoints';
import { openAiCompatibleProvider } from './openai-compatible';
import type { ParameterSupport } from './support';
import type { LlmProvider, ProviderId } from './types';

export type ProviderRegistry = Partial<Record<ProviderId, LlmProvider>>;

// Ollama's OpenAI-compatible endpoint reads neither tool_choice nor parallel_tool_calls nor
// logit_bias; it does take json_schema response formats (its structured outputs).
const ollamaSupport: ParameterSupport = {
  unsupported: ['logit_bias', 'parallel_tool_calls'],
  toolChoices: ['auto'],
  jsonSchema: true,
  topPWithTemperature: true,
};

// Kimi takes tool_choice auto and none only, JSON mode but not JSON schemas, and no seed or logit_bias.
const moonshotSupport: ParameterSupport = {
  unsupported: ['seed', 'logit_bias'],
  toolChoices: ['auto', 'none'],
  jsonSchema: false,
  topPWithTemperature: true,
};

// OpenAI is here for its embeddings models; its chat parameters are all honoured.
const openaiSupport: ParameterSupport = {
  unsupported: [],
  toolChoices: ['auto', 'none', 'required', 'named'],
  jsonSchema: true,
  topPWithTemperature: true,
};

/**
 * The built-in providers configured in this deployment; an unconfigured one is simply absent.
 * Providers added by configuration join them per call (`configuredProviders`).
 */
export function providersFromConfig(config: Config, timeoutMs: number): ProviderRegistry {
  const { ollama, moonshot, anthropic, openai } = config.providers;
  // Retries and fallback belong to the router: a provider call is one request.
  const options = { timeoutMs };
  const registry: ProviderRegistry = {};
  if (ollama) {
    // Self-hosted: behind Cloudflare Access in production, whose token rides on every request.
    const headers = accessHeaders(config.cfAccess);
    registry.ollama = openAiCompatibleProvider('ollama', ollamaEndpoint(ollama.baseUrl, { ...options, headers }), {
      maxTokensField: 'max_tokens',
      support: ollamaSupport,
      embeddings: true,
    });
  }
  if (moonshot) {
    registry.moonshot = openAiCompatibleProvider(
      'moonshot',
      openAiCompatibleEndpoint(moonshot.baseUrl, moonshot.apiKey, options),
      { maxTokensField: 'max_completion_tokens', support: moonshotSupport },
    );
  }
  if (openai) {
    registry.openai = openAiCompatibleProvider(
      'openai',
      openAiCompatibleEndpoint(openai.baseUrl, openai.apiKey, options),
      {
        maxTokensField: 'max_completion_tokens',
        support: openaiSupport,
        embeddings: true,
      },
    );
  }
  if (anthropic)
    registry.anthropic = anthropicProvider(anthropicEndpoint(anthropic.baseUrl, anthropic.apiKey, options));
  return registry;
}
