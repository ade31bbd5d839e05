import { z } from 'zod';
import { signingKeysSchema } from '../auth/jwt.ts';
import { emailEnvironmentShape } from '../channels/email/email-config.ts';
import { routerPolicySchema } from '../llm/policy.ts';
import { embeddingProviders } from '../memory/embeddings/types.ts';
import { alertProblems, alertVariables } from './alert-settings.ts';
import { channelVariables } from './channel-settings.ts';
import { defaultedWhole } from './defaulted-whole.ts';
import { swarmVariables } from './swarm-settings.ts';
import { toolVariables } from './tool-settings.ts';
import { workflowVariables } from './workflow-settings.ts';

// An empty value in .dev.vars or a blank secret means "not set", so the embedded or
// not_configured path applies instead of a confusing "invalid url".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** A JSON value checked by its own schema; the parse error is not echoed, as the value may be secret. */
const json = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const postgresUrl = z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' });

const integer = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

const amount = z.coerce
  .number({ error: 'must be a number' })
  .positive({ error: 'must be greater than zero' })
  .finite({ error: 'must be a number' });

const originList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin.length > 0),
  )
  .pipe(z.array(z.union([z.literal('*'), z.url({ protocol: /^https?$/ })])));

export const environmentSchema = z
  .object({
    ENVIRONMENT: z.enum(['development', 'staging', 'production']),
    APP_VERSION: z.string().min(1),
    CORS_ORIGINS: originList,
    MAX_BODY_BYTES: integer(1024, 50 * 1024 * 1024),
    ACCESS_LOG: optional(z.enum(['all', 'errors', 'off'], { error: 'must be all, errors or off' })),
    HEALTH_TIMEOUT_MS: integer(50, 30_000),
    DEAD_LETTER_QUEUE: z.string().min(1),
    QUEUE_RETRY_BASE_SECONDS: integer(0, 60),
    BUDGET_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
    CURRENCY_PER_USD: amount,
    BUDGET_DAILY_CAP: amount,
    BUDGET_MONTHLY_CAP: amount,
    P1_DAILY_SPEND: amount,
    CACHE_TTL_SECONDS: integer(1, 30 * 86_400),
    // How long a budget lease may go unaccounted for before its holder is taken for lost.
    BUDGET_LEASE_TTL_SECONDS: optional(integer(5, 3_600)),
    ROUTER_POLICY: optional(json(routerPolicySchema)),
    TELEGRAM_BOT_TOKEN: optional(z.string().regex(/^\d+:[\w-]+$/, 'must look like 123456:ABC-token')),
    TELEGRAM_OWNER_CHAT_ID: optional(
      z.coerce.number({ error: 'must be a chat id' }).int({ error: 'must be a chat id' }),
    ),
    TELEGRAM_API_URL: optional(httpUrl),
    TELEGRAM_WEBHOOK_SECRET: optional(z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1-256 of A-Z a-z 0-9 _ -')),
    TELEGRAM_ALLOWED_CHAT_IDS: optional(
      z.string().regex(/^-?\d+(,\s*-?\d+)*$/, 'must be chat ids separated by commas'),
    ),
    GITHUB_WEBHOOK_SECRET: optional(z.string().min(16, 'must be at least 16 characters')),
    GITHUB_TOKEN: optional(z.string().min(1)),
    GITHUB_API_URL: optional(httpUrl),
    GITHUB_ALLOWED_LOGINS: optional(
      z.string().regex(/^[A-Za-z0-9-]+(,\s*[A-Za-z0-9-]+)*$/, 'must be GitHub logins separated by commas'),
    ),
    JWT_SIGNING_KEYS: optional(json(signingKeysSchema)),
    RATE_LIMIT_REQUESTS: integer(1, 1_000_000),
    RATE_LIMIT_WINDOW_SECONDS: integer(1, 86_400),
    AUTH_FAILURES_PER_ADDRESS: integer(1, 1_000_000),
    METRICS_SCRAPE_TOKEN: optional(z.string().min(24, 'must be at least 24 characters')),
    EMPIRE_DEV_OWNER_KEY: optional(z.string().regex(/^emp_[A-Za-z0-9_-]{20,100}$/, 'must be an emp_... key')),
    DATABASE_URL: optional(postgresUrl),
    NEON_WS_PROXY: optional(z.string().regex(/^[\w.-]+:\d+(\/[\w/-]*)?$/, 'must look like host:port/v2')),
    UPSTASH_REDIS_REST_URL: optional(httpUrl),
    UPSTASH_REDIS_REST_TOKEN: optional(z.string().min(1)),
    CHROMA_URL: optional(httpUrl),
    MEMORY_EMBEDDINGS: optional(z.enum(embeddingProviders, { error: 'must be local-hash, ollama or openai' })),
    MEMORY_EMBEDDING_MODEL: optional(
      z.string().regex(/^[\w.:/-]{1,100}$/, 'must be a model name such as nomic-embed-text'),
    ),
    OLLAMA_URL: optional(httpUrl),
    CF_ACCESS_CLIENT_ID: optional(
      z.string().regex(/^[\w.-]{1,200}$/, 'must be an Access client id such as abc123.access'),
    ),
    CF_ACCESS_CLIENT_SECRET: optional(z.string().regex(/^[\w-]{16,200}$/, 'must be an Access client secret')),
    MOONSHOT_API_KEY: optional(z.string().min(1)),
    MOONSHOT_BASE_URL: optional(httpUrl),
    ANTHROPIC_API_KEY: optional(z.string().min(1)),
    ANTHROPIC_BASE_URL: optional(httpUrl),
    OPENAI_API_KEY: optional(z.string().min(1)),
    OPENAI_BASE_URL: optional(httpUrl),
    CONTENT_SLOTS: optional(z.string()),
    CONTENT_DAILY_CAP: optional(z.string()),
    // daily_content's ideas a day, each drafted for every channel: 10 a day feeds 10-50 posts.
    CONTENT_IDEAS_PER_DAY: defaultedWhole(1, 50, 10),
    X_USER_TOKEN: optional(z.string().min(1)),
    X_USER_ID: optional(z.string().regex(/^\d{1,20}$/, 'must be a numeric X user id')),
    X_API_URL: optional(httpUrl),
    BLOG_WEBHOOK_URL: optional(httpUrl),
    BLOG_WEBHOOK_SECRET: optional(z.string().min(16, 'must be at least 16 characters')),
    LEAD_RESEARCH_ICP: optional(z.string().min(10).max(2_000)),
    LEAD_RESEARCH_REGIONS: optional(
      z.string().regex(/^[^,]{1,80}(,[^,]{1,80}){0,99}$/, 'must be regions separated by commas'),
    ),
    NEWSLETTER_TO: optional(
      z.string().regex(/^[^\s,@]+@[^\s,@]+(,\s*[^\s,@]+@[^\s,@]+)*$/, 'must be email addresses separated by commas'),
    ),
    ...emailEnvironmentShape,
    ...alertVariables,
    ...channelVariables,
    ...workflowVariables,
    ...swarmVariables,
    ...toolVariables,
  })
  .superRefine((env, ctx) => {
    if (env.ENVIRONMENT !== 'development' && env.CORS_ORIGINS.includes('*')) {
      ctx.addIssue({ code: 'custom', path: ['CORS_ORIGINS'], message: "'*' is allowed only in development" });
    }
    if (Boolean(env.UPSTASH_REDIS_REST_URL) !== Boolean(env.UPSTASH_REDIS_REST_TOKEN)) {
      const missing = env.UPSTASH_REDIS_REST_URL ? 'UPSTASH_REDIS_REST_TOKEN' : 'UPSTASH_REDIS_REST_URL';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'must be set together with its pair' });
    }
    if (Boolean(env.CF_ACCESS_CLIENT_ID) !== Boolean(env.CF_ACCESS_CLIENT_SECRET)) {
      const missing = env.CF_ACCESS_CLIENT_ID ? 'CF_ACCESS_CLIENT_SECRET' : 'CF_ACCESS_CLIENT_ID';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'must be set together with its pair' });
    }
    for (const { name, problem } of alertProblems(env))
      ctx.addIssue({ code: 'custom', path: [name], message: problem });
    if (env.MEMORY_EMBEDDINGS === 'ollama' && !env.OLLAMA_URL) {
      ctx.addIssue({ code: 'custom', path: ['MEMORY_EMBEDDINGS'], message: 'is ollama but OLLAMA_URL is not set' });
    }
    if (env.MEMORY_EMBEDDINGS === 'openai' && !env.OPENAI_API_KEY) {
      ctx.addIssue({ code: 'custom', path: ['OPENAI_API_KEY'], message: 'must be set for openai embeddings' });
    }
  });

export type EnvironmentVariables = z.output<typeof environmentSchema>;
