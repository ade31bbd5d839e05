// Every secret the product reads (.dev.vars.example, src/config/config-schema.ts), each set to a
// value found nowhere else, and the fakes the secrets are sent to: after a scenario, any of these
// values in the stack's output is a leak, named by its variable.
import { randomBytes } from 'node:crypto';
import { stripVTControlCharacters } from 'node:util';
import { type FakeLlmHandle, startFakeLlm } from '../../../local-stack/services/fake-llm.ts';
import { type FakeTelegramHandle, startFakeTelegram } from '../../../local-stack/services/fake-telegram.ts';
import { startUpstashBridge } from '../../../local-stack/services/upstash-bridge.ts';

/** Nothing listens here: a call to a service the scenario does not fake fails, as an outage does. */
const CLOSED = 'http://127.0.0.1:9';
export const OWNER_CHAT_ID = 512384907;
export const GUMROAD_SELLER_ID = 'leak-check-seller';

const distinct = (label: string, bytes = 24) => `${label}${randomBytes(bytes).toString('base64url')}`;

export interface SecretSetup {
  /** Written to the stack's .dev.vars: the secrets and where the services they unlock are. */
  vars: Record<string, string>;
  /** Variable name -> the text that must never be in a log. */
  secrets: Record<string, string>;
  llm: FakeLlmHandle;
  telegram: FakeTelegramHandle;
  close(): Promise<void>;
}

/** Starts the fakes (LLM, Telegram, an Upstash bridge over `redisUrl` or memory) and makes the values. */
export async function startSecretSetup(redisUrl?: string): Promise<SecretSetup> {
  const botSecret = distinct('TGBOT', 30);
  const signingSecret = randomBytes(32).toString('base64url');
  const secrets: Record<string, string> = {
    MOONSHOT_API_KEY: distinct('moonshot-'),
    ANTHROPIC_API_KEY: distinct('anthropic-'),
    OPENAI_API_KEY: distinct('openai-'),
    CF_ACCESS_CLIENT_SECRET: distinct('cfaccess-'),
    UPSTASH_REDIS_REST_TOKEN: distinct('upstash-'),
    // The bot id before the colon is public (it is the bot's user id); the part after it is the secret.
    TELEGRAM_BOT_TOKEN: botSecret,
    TELEGRAM_WEBHOOK_SECRET: distinct('tghook-'),
    GITHUB_WEBHOOK_SECRET: distinct('ghhook-'),
    GITHUB_TOKEN: distinct('ghtoken-'),
    JWT_SIGNING_KEYS: signingSecret,
    METRICS_SCRAPE_TOKEN: distinct('metrics-'),
    EMAIL_API_KEY: distinct('email-'),
    X_USER_TOKEN: distinct('xtoken-'),
    BLOG_WEBHOOK_SECRET: distinct('blog-'),
    GUMROAD_WEBHOOK_SECRET: distinct('gumroad-'),
    WORKFLOW_WEBHOOK_KEY: distinct('wfhookkey-'),
    WEB_SEARCH_API_KEY: distinct('search-'),
    EMPIRE_DEV_OWNER_KEY: `emp_${randomBytes(24).toString('base64url')}`,
  };
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closeOne of closers.reverse()) await closeOne().catch(() => {});
  };
  try {
    const llm = await startFakeLlm({ port: 0 });
    closers.push(llm.close);
    const telegram = await startFakeTelegram({ port: 0 });
    closers.push(telegram.close);
    const bridge = await startUpstashBridge({ port: 0, token: secrets.UPSTASH_REDIS_REST_TOKEN ?? '', redisUrl });
    closers.push(bridge.close);
    const vars: Record<string, string> = {
      ...secrets,
      TELEGRAM_BOT_TOKEN: `7012345678:${botSecret}`,
      JWT_SIGNING_KEYS: JSON.stringify([{ kid: 'leak-check', secret: signingSecret }]),
      // Every provider configured, so the stack starts no fake of its own and calls this one.
      OLLAMA_URL: `${llm.url}/ollama`,
      MOONSHOT_BASE_URL: `${llm.url}/moonshot/v1`,
      ANTHROPIC_BASE_URL: `${llm.url}/anthropic`,
      OPENAI_BASE_URL: `${llm.url}/openai/v1`,
      CF_ACCESS_CLIENT_ID: 'leak-check.access',
      UPSTASH_REDIS_REST_URL: bridge.url,
      TELEGRAM_API_URL: telegram.url,
      TELEGRAM_OWNER_CHAT_ID: String(OWNER_CHAT_ID),
      GITHUB_API_URL: CLOSED,
      EMAIL_PROVIDER: 'resend',
      EMAIL_FROM: 'Empire <empire@example.com>',
      EMAIL_API_URL: CLOSED,
      X_USER_ID: '1234567890',
      X_API_URL: CLOSED,
      BLOG_WEBHOOK_URL: CLOSED,
      GUMROAD_SELLER_ID,
      WEB_SEARCH_URL: CLOSED,
    };
    return { vars, secrets, llm, telegram, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Each secret found in the texts (colours aside), as "NAME in <source>: <the line, cut short>". */
export function leaksIn(sources: { name: string; text: string }[], secrets: Record<string, string>): string[] {
  const found: string[] = [];
  const plain = sources.map((source) => ({
    name: source.name,
    lines: stripVTControlCharacters(source.text).split('\n'),
  }));
  for (const [variable, value] of Object.entries(secrets)) {
    for (const source of plain) {
      const line = source.lines.find((candidate) => candidate.includes(value));
      if (line !== undefined) found.push(`${variable} in ${source.name}: ${line.trim().slice(0, 300)}`);
    }
  }
  return found;
}
