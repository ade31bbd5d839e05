import { ROTATE_AFTER_DAYS } from '../auth/key-store';
import { accessHeaders, type Config } from '../config/config';
import { errorMessage } from '../lib/error-message';
import type { RedisRest } from '../lib/redis-rest';
import {
  anthropicEndpoint,
  FAKE_HEADER,
  ollamaEndpoint,
  openAiCompatibleEndpoint,
  type ProviderEndpoint,
} from '../llm/providers/endpoints';
import { listModels } from '../llm/providers/models-list';
import { LOCAL_HASH_MODEL, localHashEmbedder } from '../memory/embeddings/local-hash';
import { type ChannelProbePorts, channelChecks } from './channel-probes';
import type { HealthCheck, ProbeOutcome } from './health';

/** Any Durable Object stub that answers the shared ping RPC. */
export interface Pingable {
  ping(): Promise<{ ok: boolean }>;
}

export interface HealthDependencies {
  config: Config;
  d1: D1Database;
  durableObjects: Record<string, () => Pingable>;
  queue: Queue;
  postgres?: () => { query(sql: string): Promise<unknown> };
  redis?: RedisRest;
  /** Active owner API keys in Postgres. */
  ownerKeys?: () => Promise<number>;
  /** Prefixes of active API keys past their rotation age. */
  keysDueForRotation?: () => Promise<string[]>;
  channels?: ChannelProbePorts;
}

/** What runs instead while Redis is down (docs/degraded-modes.md). */
export const REDIS_FALLBACKS =
  'serving without it: rate limits per isolate, webhook de-duplication in D1, no response cache';

export const NO_OWNER_KEY = 'no owner API key: create one with `npm run key:create -- --role owner`';

const keysDueDetail = (prefixes: string[]) =>
  `${prefixes.length} API key${prefixes.length === 1 ? ' is' : 's are'} older than ${ROTATE_AFTER_DAYS} days ` +
  `(${prefixes.slice(0, 5).join(', ')}): rotate with \`empire keys rotate <id>\` or POST /api/keys/{id}/rotate`;

const fakeOutcome = (headers: Headers): ProbeOutcome =>
  headers.get(FAKE_HEADER) ? { fake: true, detail: 'local fake upstream, not a real model' } : {};

/** A self-hosted upstream reached with the Access service token says so in its check. */
export const BEHIND_ACCESS = 'behind Cloudflare Access (service token sent)';

function withAccess(config: Config, outcome: ProbeOutcome): ProbeOutcome {
  if (!config.cfAccess) return outcome;
  return { ...outcome, detail: outcome.detail ? `${outcome.detail}; ${BEHIND_ACCESS}` : BEHIND_ACCESS };
}

/** A provider is up when it lists its models: that costs no tokens. */
const listedOutcome = async (provider: string, endpoint: ProviderEndpoint, signal: AbortSignal) =>
  fakeOutcome((await listModels(provider, endpoint, signal)).headers);

function providerChecks(config: Config, timeoutMs: number): HealthCheck[] {
  const { ollama, moonshot, anthropic, openai } = config.providers;
  const options = { timeoutMs };
  const headers = accessHeaders(config.cfAccess);
  return [
    {
      name: 'llm:ollama',
      core: false,
      probe: ollama
        ? async (signal) =>
            withAccess(
              config,
              await listedOutcome('ollama', ollamaEndpoint(ollama.baseUrl, { ...options, headers }), signal),
            )
        : undefined,
    },
    {
      name: 'llm:moonshot',
      core: false,
      probe: moonshot
        ? (signal) =>
            listedOutcome('moonshot', openAiCompatibleEndpoint(moonshot.baseUrl, moonshot.apiKey, options), signal)
        : undefined,
    },
    {
      name: 'llm:anthropic',
      core: false,
      probe: anthropic
        ? (signal) =>
            listedOutcome('anthropic', anthropicEndpoint(anthropic.baseUrl, anthropic.apiKey, options), signal)
        : undefined,
    },
    {
      name: 'llm:openai',
      core: false,
      probe: openai
        ? (signal) => listedOutcome('openai', openAiCompatibleEndpoint(openai.baseUrl, openai.apiKey, options), signal)
        : undefined,
    },
  ];
}

const LOCAL_HASH_ADVICE = 'set MEMORY_EMBEDDINGS to ollama or openai for a real embeddings model';

/** local-hash embeds one word here; outside development it is degraded, not a language model. */
async function localHashOutcome(config: Config): Promise<ProbeOutcome> {
  const [vector] = await localHashEmbedder().embed(['health']);
  const detail = `local-hash ${LOCAL_HASH_MODEL}, ${vector?.length ?? 0} dimensions (local feature hashing, not a language model)`;
  if (config.environment === 'development') return { fake: true, detail };
  return { fake: true, degraded: true, detail: `${detail}; ${LOCAL_HASH_ADVICE}` };
}

/**
 * A routed model is looked up in its provider's model list rather than called: a call would cost
 * a ledger row on every probe. Ollama lists a pulled model with its tag (`nomic-embed-text:latest`).
 */
async function routedOutcome(
  config: Config,
  provider: 'ollama' | 'openai',
  model: string,
  signal: AbortSignal,
): Promise<ProbeOutcome> {
  const options = { timeoutMs: config.healthTimeoutMs };
  const { ollama, openai } = config.providers;
  const endpoint =
    provider === 'ollama'
      ? ollama && ollamaEndpoint(ollama.baseUrl, { ...options, headers: accessHeaders(config.cfAccess) })
      : openai && openAiCompatibleEndpoint(openai.baseUrl, openai.apiKey, options);
  if (!endpoint) throw new Error(`${provider} is not configured`);
  const { ids, headers } = await listModels(provider, endpoint, signal);
  const listed = ids.some((id) => id === model || id.startsWith(`${model}:`));
  if (!listed) throw new Error(`${provider} does not list ${model}`);
  const fake = headers.has(FAKE_HEADER);
  const what = fake ? 'local fake upstream, not a real model' : 'model';
  return { fake, detail: `${provider}/${model} through the router (${what})` };
}

function embeddingsCheck(config: Config): HealthCheck {
  const embeddings = config.embeddings;
  return {
    name: 'memory:embeddings',
    core: false,
    probe: config.chroma
      ? (signal) =>
          embeddings.provider === 'local-hash'
            ? localHashOutcome(config)
            : routedOutcome(config, embeddings.provider, embeddings.model, signal)
      : undefined,
  };
}

export function buildHealthChecks(deps: HealthDependencies): HealthCheck[] {
  const { config, postgres, redis } = deps;
  const chroma = config.chroma;
  const durableObjectChecks = Object.entries(deps.durableObjects).map(
    ([name, stub]): HealthCheck => ({
      name: `durable_object:${name}`,
      core: true,
      probe: async () => {
        const answer = await stub().ping();
        if (!answer.ok) throw new Error('ping answered not ok');
      },
    }),
  );
  return [
    {
      name: 'd1',
      core: true,
      probe: async () => {
        await deps.d1.prepare('select 1 as ok').first();
      },
    },
    ...durableObjectChecks,
    {
      name: 'queue:jobs',
      core: false,
      probe: async () => {
        await deps.queue.send({ kind: 'probe', sentAt: Date.now() });
      },
    },
    {
      name: 'postgres',
      core: false,
      probe: postgres
        ? async () => {
            await postgres().query('select 1');
          }
        : undefined,
    },
    {
      name: 'redis',
      core: false,
      probe: redis
        ? async () => {
            try {
              const answer = await redis.ping();
              if (answer !== 'PONG') throw new Error(`unexpected PING answer ${answer}`);
            } catch (error) {
              throw new Error(`${errorMessage(error)}; ${REDIS_FALLBACKS}`);
            }
          }
        : undefined,
    },
    {
      name: 'chroma',
      core: false,
      probe: chroma
        ? async (signal) => {
            const response = await fetch(`${chroma.url.replace(/\/+$/, '')}/api/v2/heartbeat`, {
              signal,
              headers: accessHeaders(config.cfAccess),
            });
            if (!response.ok) throw new Error(`heartbeat answered ${response.status}`);
            return withAccess(config, {});
          }
        : undefined,
    },
    embeddingsCheck(config),
    ...providerChecks(config, config.healthTimeoutMs),
    {
      name: 'auth:owner_key',
      core: false,
      probe: async () => {
        if (config.devOwnerKey) return { detail: 'development owner key from EMPIRE_DEV_OWNER_KEY' };
        const owners = deps.ownerKeys ? await deps.ownerKeys() : 0;
        return owners > 0 ? {} : { degraded: true, detail: NO_OWNER_KEY };
      },
    },
    {
      name: 'auth:key_rotation',
      core: false,
      probe: deps.keysDueForRotation
        ? async () => {
            const due = (await deps.keysDueForRotation?.()) ?? [];
            return due.length === 0 ? {} : { degraded: true, detail: keysDueDetail(due) };
          }
        : undefined,
    },
    ...channelChecks(config, deps.channels),
  ];
}
