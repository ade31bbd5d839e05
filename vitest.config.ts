import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { ALERT_WEBHOOK_SECRET } from './test/setup/alert-webhook.ts';
import { REDDIT_APP } from './test/setup/channel-credentials.ts';
import { RESEND_WEBHOOK_SECRET, sendgridTestKeys } from './test/setup/email-webhooks.ts';
import { gateSecrets } from './test/setup/gates.ts';

/**
 * Test files that run in one shared module instance and shared storage: each uses its own ids
 * and markers and changes no state another file relies on (caps, paused agents, the circuit
 * breaker, the global budget). They skip the per-file start of the Worker's module graph, the
 * bulk of a file's cost. Every other Worker test runs isolated, in fresh storage.
 */
const sharedFiles = [
  'test/agents/agent-tools.test.ts',
  'test/agents/jwt.test.ts',
  'test/agents/web-fetch.test.ts',
  'test/api/health.test.ts',
  'test/api/models.test.ts',
  'test/audit/audit-log.test.ts',
  'test/bma/engagements.test.ts',
  'test/bma/knowledge.test.ts',
  'test/channels/alert-sinks.test.ts',
  'test/channels/content-commands.test.ts',
  'test/channels/email.test.ts',
  'test/channels/github-webhook.test.ts',
  'test/channels/owner-notifier.test.ts',
  'test/channels/parse.test.ts',
  'test/channels/telegram-api.test.ts',
  'test/channels/telegram-commands.test.ts',
  'test/channels/telegram-webhook.test.ts',
  'test/config/*.test.ts',
  'test/content/*.test.ts',
  'test/workflows/schedule.test.ts',
  'test/crm/bant.test.ts',
  'test/crm/import-export.test.ts',
  'test/crm/leads.test.ts',
  'test/crm/pipeline.test.ts',
  'test/db/postgres-timeouts.test.ts',
  'test/durable-objects/ping.test.ts',
  'test/http/app-factory.test.ts',
  'test/http/cors.test.ts',
  'test/http/dashboard-routing.test.ts',
  'test/http/rate-limit-window.test.ts',
  'test/http/socket-auth.test.ts',
  'test/lib/redis-rest.test.ts',
  'test/llm/chat-stream-record.test.ts',
  'test/llm/provider-*.test.ts',
  'test/memory/chroma-store.test.ts',
  'test/memory/local-hash.test.ts',
  'test/memory/memory-api.test.ts',
  'test/memory/unconfigured.test.ts',
  'test/observability/conversion-metrics.test.ts',
  'test/observability/redact.test.ts',
  'test/reactor/builtin-runs.test.ts',
  'test/reactor/research-tasks.test.ts',
  'test/reactor/swarm-cancel.test.ts',
  'test/reactor/task-files.test.ts',
  'test/revenue/*.test.ts',
  'test/sales/segments.test.ts',
  'test/sales/sequences.test.ts',
  'test/security/*.test.ts',
  'test/social/x-leads.test.ts',
  'test/workflows/engine.test.ts',
  'test/workflows/interrupted-runs-api.test.ts',
  'test/workflows/revenue-tracking.test.ts',
  'test/workflows/stale-runs.test.ts',
  'test/workflows/workflows-api.test.ts',
];
/** Run by the Node project (vitest.node.config.ts), never inside workerd. */
const nodeSide = ['test/local-stack/**', 'test/chaos/**'];

/** A project of Worker tests inside workerd, with the real bindings and the machine's services. */
const sendgridKeys = await sendgridTestKeys();

const workerProject = (name: string, files: { include: string[]; exclude: string[] }, isolate: boolean) =>
  ({
    plugins: [
      cloudflareTest(async ({ inject }) => ({
        main: './workers/index.ts',
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: await readD1Migrations('./migrations/d1'),
            DATABASE_URL: inject('databaseUrl'),
            NEON_WS_PROXY: inject('neonWsProxy'),
            UPSTASH_REDIS_REST_URL: inject('redisRestUrl'),
            UPSTASH_REDIS_REST_TOKEN: inject('redisRestToken'),
            OLLAMA_URL: `${inject('fakeLlmUrl')}/ollama`,
            MOONSHOT_API_KEY: 'test-moonshot-key',
            MOONSHOT_BASE_URL: `${inject('fakeLlmUrl')}/moonshot/v1`,
            ANTHROPIC_API_KEY: 'test-anthropic-key',
            ANTHROPIC_BASE_URL: `${inject('fakeLlmUrl')}/anthropic`,
            OPENAI_API_KEY: 'test-openai-key',
            OPENAI_BASE_URL: `${inject('fakeLlmUrl')}/openai/v1`,
            FAKE_LLM_URL: inject('fakeLlmUrl'),
            // Retries at once: the tests cannot wait out a minute of backoff.
            QUEUE_RETRY_BASE_SECONDS: '0',
            WORKFLOW_RETRY_BASE_MS: '0',
            // Storage is per test file but Postgres is shared, so global spend never balances here.
            HEALTH_DRIFT_GRACE_MS: '0',
            // Postgres is shared too: no health check folds the old ledger rows another file wrote
            // and reads back (the rollup test folds its own era with its own clock).
            LEDGER_DETAIL_DAYS: '3650',
            // Files sharing storage share the agents too: a health check one of them runs must not
            // pause every agent over the errors other files inject on purpose (the remediation
            // tests run isolated, with their own thresholds).
            ...(isolate
              ? {}
              : {
                  HEALTH_SPEND_PAUSE_PERCENT: '1000',
                  HEALTH_LLM_MIN_CALLS: '1000000',
                  HEALTH_FAILED_RUNS_MAX: '10000',
                  HEALTH_DEAD_LETTERS_MAX: '1000000',
                }),
            GUMROAD_WEBHOOK_SECRET: 'test-gumroad-ping-secret-0123',
            GUMROAD_SELLER_ID: 'kXo9hQ3aDp5sV1mZcB7nTw==',
            WORKFLOW_WEBHOOK_KEY: 'test-workflow-webhook-sealing-key-0123456789',
            // Tests poll hard; the rate-limit test sets its own small limit.
            RATE_LIMIT_REQUESTS: '100000',
            // Every test calls from one address; the failed-credential tests set their own limit.
            AUTH_FAILURES_PER_ADDRESS: '100000',
            FAKE_TELEGRAM_URL: inject('fakeTelegramUrl'),
            PROMTOOL_URL: inject('promtoolUrl'),
            METRICS_SCRAPE_TOKEN: 'test-scrape-token-0123456789abcdef',
            TELEGRAM_BOT_TOKEN: '7012345678:test-token',
            TELEGRAM_OWNER_CHAT_ID: '512384907',
            TELEGRAM_ALLOWED_CHAT_IDS: '700100200',
            TELEGRAM_API_URL: inject('fakeTelegramUrl'),
            TELEGRAM_WEBHOOK_SECRET: 'test-telegram-webhook-secret',
            CHROMA_URL: inject('chromaUrl'),
            CHROMA_START_ERROR: inject('chromaError'),
            MEMORY_EMBEDDINGS: 'local-hash',
            FAKE_GITHUB_URL: inject('fakeGithubUrl'),
            GITHUB_WEBHOOK_SECRET: 'test-webhook-secret-123',
            GITHUB_TOKEN: 'ghs_test_token',
            GITHUB_API_URL: inject('fakeGithubUrl'),
            GITHUB_ALLOWED_LOGINS: 'dana-k',
            FAKE_EMAIL_URL: inject('fakeEmailUrl'),
            EMAIL_PROVIDER: 'resend',
            EMAIL_API_KEY: 're_test_key_0123456789',
            EMAIL_FROM: 'Empire Sales <sales@empire.test>',
            EMAIL_API_URL: inject('fakeEmailUrl'),
            PUBLIC_BASE_URL: 'http://empire.test',
            RESEND_WEBHOOK_SECRET,
            SENDGRID_WEBHOOK_PUBLIC_KEY: sendgridKeys.publicKey,
            SENDGRID_TEST_PRIVATE_KEY: sendgridKeys.privateKey,
            FAKE_X_URL: inject('fakeXUrl'),
            X_API_URL: inject('fakeXUrl'),
            X_USER_TOKEN: 'test-x-user-token',
            X_USER_ID: '1700000000000000001',
            FAKE_BLOG_URL: inject('fakeBlogUrl'),
            BLOG_WEBHOOK_URL: inject('fakeBlogUrl'),
            BLOG_WEBHOOK_SECRET: 'test-blog-webhook-secret',
            NEWSLETTER_TO: 'readers@list.empire.test',
            FAKE_LINKEDIN_URL: inject('fakeLinkedinUrl'),
            LINKEDIN_API_URL: inject('fakeLinkedinUrl'),
            LINKEDIN_ACCESS_TOKEN: 'test-linkedin-access-token',
            LINKEDIN_AUTHOR_URN: 'urn:li:person:8675309',
            FAKE_DISCORD_URL: inject('fakeDiscordUrl'),
            DISCORD_WEBHOOK_URL: inject('fakeDiscordWebhookUrl'),
            FAKE_REDDIT_URL: inject('fakeRedditUrl'),
            REDDIT_AUTH_URL: inject('fakeRedditUrl'),
            REDDIT_API_URL: inject('fakeRedditUrl'),
            REDDIT_CLIENT_ID: REDDIT_APP.clientId,
            REDDIT_CLIENT_SECRET: REDDIT_APP.clientSecret,
            REDDIT_USERNAME: REDDIT_APP.username,
            REDDIT_PASSWORD: REDDIT_APP.password,
            REDDIT_SUBREDDIT: REDDIT_APP.subreddit,
            // Every alert goes to the owner's chat, this address (the fake e-mail server) and the
            // receiver that checks their signatures.
            ALERT_EMAIL_TO: 'alerts@ops.empire.test',
            ALERT_WEBHOOK_URL: inject('fakeAlertsUrl'),
            ALERT_WEBHOOK_SECRET,
            FAKE_ALERTS_URL: inject('fakeAlertsUrl'),
            FAKE_WEB_URL: inject('fakeWebUrl'),
            WEB_SEARCH_URL: inject('fakeWebSearchUrl'),
            WEB_SEARCH_API_KEY: 'test-brave-subscription-token',
            // The fake web listens on loopback, which ENVIRONMENT=development lets an allow-listed host reach.
            WEB_FETCH_ALLOW: '127.0.0.1',
            // Three X slots a day, at most two posts: the third approval of a day rolls on. Fewer
            // slots than the defaults, so the scheduling tests reach the caps and next days quickly.
            CONTENT_SLOTS: '{"x":["09:00","13:00","17:00"],"linkedin":["08:30"],"blog":["07:00"]}',
            CONTENT_DAILY_CAP: '{"x":2}',
            // Two active keys (the newest signs), as during a rotation.
            JWT_SIGNING_KEYS: JSON.stringify([
              { kid: 'current', secret: 'Y3VycmVudC1zaWduaW5nLWtleS1mb3ItdGVzdHMtMDAwMDAwMDAw' },
              { kid: 'previous', secret: 'cHJldmlvdXMtc2lnbmluZy1rZXktZm9yLXRlc3RzLTAwMDAwMDA' },
            ]),
            EMPIRE_DEV_OWNER_KEY: 'emp_test_owner_key_0123456789abcdef',
            // The Access service token (sent to OLLAMA_URL and CHROMA_URL) and a configured provider's secrets.
            ...gateSecrets,
            ACCESS_LLM_URL: inject('accessLlmUrl'),
            ACCESS_CHROMA_URL: inject('accessChromaUrl'),
            KEYED_LLM_URL: inject('keyedLlmUrl'),
          },
        },
      })),
    ],
    test: {
      name,
      include: files.include,
      exclude: files.exclude,
      globalSetup: ['./test/setup/global-setup.ts'],
      isolate,
      setupFiles: ['./test/setup/apply-migrations.ts'],
    },
  }) satisfies TestProjectInlineConfiguration;

// The Worker's tests run inside workerd with its real bindings (isolated, or shared as listed
// above); the local-stack, CLI, dashboard and chaos tests run in Node against real servers.
export default defineConfig({
  test: {
    // Logs are JSON lines from every request; show them only for tests that fail.
    silent: 'passed-only',
    projects: [
      './vitest.node.config.ts',
      workerProject('workers', { include: ['test/**/*.test.ts'], exclude: [...nodeSide, ...sharedFiles] }, true),
      workerProject('workers-shared', { include: sharedFiles, exclude: nodeSide }, false),
    ],
  },
});
