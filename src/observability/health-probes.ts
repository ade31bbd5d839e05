import type { Redis } from '@upstash/redis/cloudflare';
import { accessHeaders, type Config } from '../config/config';
import { errorMessage } from '../lib/error-message';
import { anthropicClient, FAKE_HEADER, ollamaClient, openAiCompatibleClient } from '../llm/providers/clients';
import { createEmbedder } from '../memory/embeddings';
import { LOCAL_HASH_MODEL } from '../memory/embeddings/local-hash';
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
  redis?: Redis;
  /** Active owner API keys in Postgres. */
  ownerKeys?: () => Promise<number>;
}

/** What runs instead while Redis is down (docs/degraded-modes.md). */
export const REDIS_FALLBACKS =
  'serving without it: rate limits per isolate, webhook de-duplication in D1, no response cache';

export const NO_OWNER_KEY = 'no owner API key: create one with `npm run key:create -- --role owner`';

const fakeOutcome = (headers: Headers): ProbeOutcome =>
  headers.get(FAKE_HEADER) ? { fake: true, detail: 'local fake upstream, not a real model' } : {};

/** A self-hosted upstream reached with the Access service token says so in its check. */
export const BEHIND_ACCESS = 'behind Cloudflare Access (service token sent)';

function withAccess(config: Config, outcome: ProbeOutcome): ProbeOutcome {
  if (!config.cfAccess) return outcome;
  return { ...outcome, detail: outcome.detail ? `${outcome.detail}; ${BEHIND_ACCESS}` : BEHIND_ACCESS };
}

function providerChecks(config: Config, timeoutMs: number): HealthCheck[] {
  const { ollama, moonshot, anthropic } = config.providers;
  const options = { timeoutMs, maxRetries: 0 };
  const headers = accessHeaders(config.cfAccess);
  return [
    {
      name: 'llm:ollama',
      core: false,
      probe: ollama
        ? async () => {
            const listed = await ollamaClient(ollama.baseUrl, { ...options, headers })
              .models.list()
              .withResponse();
            return withAccess(config, fakeOutcome(listed.response.headers));
          }
        : undefined,
    },
    {
      name: 'llm:moonshot',
      core: false,
      probe: moonshot
        ? async () =>
            fakeOutcome(
              (await openAiCompatibleClient(moonshot.baseUrl, moonshot.apiKey, options).models.list().withResponse())
                .response.headers,
            )
        : undefined,
    },
    {
      name: 'llm:anthropic',
      core: false,
      probe: anthropic
        ? async () =>
            fakeOutcome(
              (await anthropicClient(anthropic.baseUrl, anthropic.apiKey, options).models.list().withResponse())
                .response.headers,
            )
        : undefined,
    },
  ];
}

/** Embeds one word, so a missing model shows here; local-hash and fakes are labelled as not a language model. */
function embeddingsCheck(config: Config): HealthCheck {
  return {
    name: 'memory:embeddings',
    core: false,
    probe: config.chroma
      ? async (signal) => {
          const embedder = createEmbedder(config.embeddings);
          const [vector] = await embedder.embed(['health'], signal);
          const { provider, model, local } = embedder.info;
          const what =
            model === LOCAL_HASH_MODEL
              ? 'local feature hashing, not a language model'
              : local
                ? 'local fake upstream, not a real model'
                : 'model';
          return { fake: local, detail: `${provider} ${model}, ${vector?.length ?? 0} dimensions (${what})` };
        }
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
  ];
}
