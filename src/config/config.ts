// Imports carry .ts so that `npm start` can check its variables with this code under Node.
import type { SigningKey } from '../auth/jwt.ts';
import { type EmailConfig, emailConfigFrom } from '../channels/email/email-config.ts';
import { defaultPolicy, type RouterPolicy } from '../llm/policy.ts';
import type { EmbeddingsConfig } from '../memory/embeddings/types.ts';
import { type AlertSettings, alertSettings } from './alert-settings.ts';
import { type EnvironmentVariables, environmentSchema } from './config-schema.ts';
import { type ContentConfig, contentConfig } from './content-config.ts';
import { type SwarmSettings, swarmSettings } from './swarm-settings.ts';
import { type ToolSettings, toolSettings } from './tool-settings.ts';
import { type WorkflowSettings, workflowSettings } from './workflow-settings.ts';

export interface Config {
  environment: EnvironmentVariables['ENVIRONMENT'];
  version: string;
  corsOrigins: string[];
  maxBodyBytes: number;
  /**
   * Which requests get an access-log line: `errors` (status 400 and above, the default), `all` or
   * `off`. Workers Logs records every invocation's method, URL, status and time on its own.
   */
  accessLog: 'all' | 'errors' | 'off';
  healthTimeoutMs: number;
  deadLetterQueue: string;
  queueRetryBaseSeconds: number;
  workflows: WorkflowSettings;
  swarm: SwarmSettings;
  /** Agents' and tasks' tools: web search, the fetch allow-list and the tool loop's limits. */
  tools: ToolSettings;
  budget: {
    currency: string;
    currencyPerUsd: number;
    dailyCap: number;
    monthlyCap: number;
    p1DailySpend: number;
    leaseTtlSeconds: number;
  };
  cacheTtlSeconds: number;
  /** ROUTER_POLICY parsed by the router's own schema, or the default policy when unset. */
  routerPolicy: RouterPolicy;
  devOwnerKey?: string;
  /** A bearer token that may read /metrics and nothing else, for a Prometheus scraper. */
  metricsScrapeToken?: string;
  /** JWT keys, newest first; undefined when tokens cannot be issued. */
  jwtKeys?: SigningKey[];
  /**
   * Requests per client per window; `failuresPerAddress` caps failed credentials (unknown,
   * malformed, expired) per client address in the same window, counted before any key lookup.
   */
  rateLimit: { requests: number; windowSeconds: number; failuresPerAddress: number };
  /** The owner's chat, where alerts and reports go; undefined when no bot or chat is configured. */
  telegram?: { botToken: string; ownerChatId: number; apiRoot: string };
  /** The bot's webhook: its secret token and the chats allowed to command it (the owner's is always allowed). */
  telegramBot?: {
    botToken: string;
    webhookSecret: string;
    allowedChatIds: number[];
    /** The one chat that may take owner actions (approve, reject, ask). */
    ownerChatId?: number;
    apiRoot: string;
  };
  /** GitHub issue commands: the webhook secret, a token to answer with, and who may command. */
  github?: { webhookSecret: string; token?: string; apiUrl: string; allowedLogins: string[] };
  postgres?: { url: string; wsProxy?: string };
  redis?: { url: string; token: string };
  chroma?: { url: string };
  /** Where long-term memory gets its vectors: an embeddings model through the router, or local-hash. */
  embeddings: EmbeddingsConfig;
  /** Posting slots per channel; a channel without credentials publishes as a labelled dry run. */
  content: ContentConfig;
  /** Outgoing email; dry-run until EMAIL_PROVIDER and EMAIL_API_KEY are set. */
  email: EmailConfig;
  /** Alert sinks beside the owner's chat: an e-mail address and a signed webhook. */
  alerts: AlertSettings;
  /**
   * A Cloudflare Access service token, sent to the self-hosted upstreams (OLLAMA_URL, CHROMA_URL
   * and configured providers marked behind Access); undefined when they are reached directly.
   */
  cfAccess?: { clientId: string; clientSecret: string };
  providers: {
    ollama?: { baseUrl: string };
    moonshot?: { apiKey: string; baseUrl: string };
    anthropic?: { apiKey: string; baseUrl: string };
    /** OpenAI or any OpenAI-compatible server, for its embeddings models. */
    openai?: { apiKey: string; baseUrl: string };
  };
}

/** The headers Cloudflare Access reads a service token from; none without one. */
export function accessHeaders(access: Config['cfAccess']): Record<string, string> {
  return access ? { 'CF-Access-Client-Id': access.clientId, 'CF-Access-Client-Secret': access.clientSecret } : {};
}

export class ConfigError extends Error {
  readonly variables: { name: string; problem: string }[];

  constructor(variables: { name: string; problem: string }[]) {
    super(`Invalid configuration: ${variables.map((v) => `${v.name} ${v.problem}`).join('; ')}`);
    this.name = 'ConfigError';
    this.variables = variables;
  }
}

const MOONSHOT_DEFAULT_URL = 'https://api.moonshot.ai/v1';
const ANTHROPIC_DEFAULT_URL = 'https://api.anthropic.com';
const OPENAI_DEFAULT_URL = 'https://api.openai.com/v1';

const accessToken = (vars: EnvironmentVariables): Config['cfAccess'] =>
  vars.CF_ACCESS_CLIENT_ID && vars.CF_ACCESS_CLIENT_SECRET
    ? { clientId: vars.CF_ACCESS_CLIENT_ID, clientSecret: vars.CF_ACCESS_CLIENT_SECRET }
    : undefined;

const DEFAULT_EMBEDDING_MODEL = { ollama: 'nomic-embed-text', openai: 'text-embedding-3-small' } as const;

/**
 * Memory's embeddings model, called through the router. Development defaults to local-hash;
 * elsewhere an unset choice takes a real model from a configured provider (Ollama first, it is
 * free), and falls back to local-hash only when there is none (health then says degraded).
 */
function embeddingsConfig(vars: EnvironmentVariables): EmbeddingsConfig {
  const routed = (provider: 'ollama' | 'openai'): EmbeddingsConfig => ({
    provider,
    model: vars.MEMORY_EMBEDDING_MODEL ?? DEFAULT_EMBEDDING_MODEL[provider],
  });
  if (vars.MEMORY_EMBEDDINGS === 'ollama' || vars.MEMORY_EMBEDDINGS === 'openai') return routed(vars.MEMORY_EMBEDDINGS);
  if (vars.MEMORY_EMBEDDINGS === 'local-hash' || vars.ENVIRONMENT === 'development') return { provider: 'local-hash' };
  if (vars.OLLAMA_URL) return routed('ollama');
  if (vars.OPENAI_API_KEY) return routed('openai');
  return { provider: 'local-hash' };
}

export function parseConfig(env: Record<string, unknown>): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(({ path: [name, ...inside], message }) => ({
        name: String(name ?? 'environment'),
        // A JSON-valued variable names where inside its value the problem is.
        problem: inside.length > 0 ? `${inside.join('.')}: ${message}` : message,
      })),
    );
  }
  const vars = parsed.data;
  if (vars.EMPIRE_DEV_OWNER_KEY && vars.ENVIRONMENT === 'production') {
    throw new ConfigError([
      { name: 'EMPIRE_DEV_OWNER_KEY', problem: 'is for development only; create keys with npm run key:create' },
    ]);
  }
  return {
    environment: vars.ENVIRONMENT,
    version: vars.APP_VERSION,
    corsOrigins: vars.CORS_ORIGINS,
    maxBodyBytes: vars.MAX_BODY_BYTES,
    accessLog: vars.ACCESS_LOG ?? 'errors',
    healthTimeoutMs: vars.HEALTH_TIMEOUT_MS,
    deadLetterQueue: vars.DEAD_LETTER_QUEUE,
    queueRetryBaseSeconds: vars.QUEUE_RETRY_BASE_SECONDS,
    workflows: workflowSettings(vars),
    swarm: swarmSettings(vars),
    tools: toolSettings(vars),
    budget: {
      currency: vars.BUDGET_CURRENCY,
      currencyPerUsd: vars.CURRENCY_PER_USD,
      dailyCap: vars.BUDGET_DAILY_CAP,
      monthlyCap: vars.BUDGET_MONTHLY_CAP,
      p1DailySpend: vars.P1_DAILY_SPEND,
      // Long enough for a slow model call; a lost lease is counted as spent after this.
      leaseTtlSeconds: vars.BUDGET_LEASE_TTL_SECONDS ?? 180,
    },
    cacheTtlSeconds: vars.CACHE_TTL_SECONDS,
    routerPolicy: vars.ROUTER_POLICY ?? defaultPolicy,
    devOwnerKey: vars.EMPIRE_DEV_OWNER_KEY,
    metricsScrapeToken: vars.METRICS_SCRAPE_TOKEN,
    jwtKeys: vars.JWT_SIGNING_KEYS,
    rateLimit: {
      requests: vars.RATE_LIMIT_REQUESTS,
      windowSeconds: vars.RATE_LIMIT_WINDOW_SECONDS,
      failuresPerAddress: vars.AUTH_FAILURES_PER_ADDRESS,
    },
    telegramBot:
      vars.TELEGRAM_BOT_TOKEN && vars.TELEGRAM_WEBHOOK_SECRET
        ? {
            botToken: vars.TELEGRAM_BOT_TOKEN,
            webhookSecret: vars.TELEGRAM_WEBHOOK_SECRET,
            allowedChatIds: [
              ...(vars.TELEGRAM_ALLOWED_CHAT_IDS ?? '')
                .split(',')
                .filter(Boolean)
                .map((id) => Number(id.trim())),
              ...(vars.TELEGRAM_OWNER_CHAT_ID !== undefined ? [vars.TELEGRAM_OWNER_CHAT_ID] : []),
            ],
            ownerChatId: vars.TELEGRAM_OWNER_CHAT_ID,
            apiRoot: vars.TELEGRAM_API_URL ?? 'https://api.telegram.org',
          }
        : undefined,
    github: vars.GITHUB_WEBHOOK_SECRET
      ? {
          webhookSecret: vars.GITHUB_WEBHOOK_SECRET,
          token: vars.GITHUB_TOKEN,
          apiUrl: vars.GITHUB_API_URL ?? 'https://api.github.com',
          allowedLogins: (vars.GITHUB_ALLOWED_LOGINS ?? '')
            .split(',')
            .map((login) => login.trim().toLowerCase())
            .filter(Boolean),
        }
      : undefined,
    telegram:
      vars.TELEGRAM_BOT_TOKEN && vars.TELEGRAM_OWNER_CHAT_ID !== undefined
        ? {
            botToken: vars.TELEGRAM_BOT_TOKEN,
            ownerChatId: vars.TELEGRAM_OWNER_CHAT_ID,
            apiRoot: vars.TELEGRAM_API_URL ?? 'https://api.telegram.org',
          }
        : undefined,
    postgres: vars.DATABASE_URL ? { url: vars.DATABASE_URL, wsProxy: vars.NEON_WS_PROXY } : undefined,
    redis:
      vars.UPSTASH_REDIS_REST_URL && vars.UPSTASH_REDIS_REST_TOKEN
        ? { url: vars.UPSTASH_REDIS_REST_URL, token: vars.UPSTASH_REDIS_REST_TOKEN }
        : undefined,
    chroma: vars.CHROMA_URL ? { url: vars.CHROMA_URL } : undefined,
    embeddings: embeddingsConfig(vars),
    content: contentConfig(vars, (name, problem) => {
      throw new ConfigError([{ name, problem }]);
    }),
    email: emailConfigFrom(vars),
    alerts: alertSettings(vars),
    cfAccess: accessToken(vars),
    providers: {
      ollama: vars.OLLAMA_URL ? { baseUrl: vars.OLLAMA_URL } : undefined,
      moonshot: vars.MOONSHOT_API_KEY
        ? { apiKey: vars.MOONSHOT_API_KEY, baseUrl: vars.MOONSHOT_BASE_URL ?? MOONSHOT_DEFAULT_URL }
        : undefined,
      anthropic: vars.ANTHROPIC_API_KEY
        ? { apiKey: vars.ANTHROPIC_API_KEY, baseUrl: vars.ANTHROPIC_BASE_URL ?? ANTHROPIC_DEFAULT_URL }
        : undefined,
      openai: vars.OPENAI_API_KEY
        ? { apiKey: vars.OPENAI_API_KEY, baseUrl: vars.OPENAI_BASE_URL ?? OPENAI_DEFAULT_URL }
        : undefined,
    },
  };
}

// The env object is stable for an isolate's lifetime, so the schema runs once per isolate.
const cache = new WeakMap<object, Config>();

export function loadConfig(env: object): Config {
  const cached = cache.get(env);
  if (cached) return cached;
  const config = parseConfig(env as Record<string, unknown>);
  cache.set(env, config);
  return config;
}
