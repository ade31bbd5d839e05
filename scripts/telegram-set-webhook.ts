// `node scripts/telegram-set-webhook.ts --url https://<worker>/telegram/webhook`
// Registers the Worker as the bot's webhook with its secret token (TELEGRAM_BOT_TOKEN,
// TELEGRAM_WEBHOOK_SECRET from the environment; TELEGRAM_API_URL for a local Bot API).
// Only messages and button presses are asked for: the bot answers nothing else.
import { parseArgs } from 'node:util';
import { telegramApi } from '../src/channels/telegram-api.ts';

const { values } = parseArgs({
  options: { url: { type: 'string' }, 'drop-pending': { type: 'boolean', default: false } },
});

function required(name: string, pattern: RegExp, problem: string): string {
  const value = process.env[name];
  if (!value || !pattern.test(value)) {
    console.error(`${name} ${value ? problem : 'is not set'}`);
    process.exit(2);
  }
  return value;
}

const token = required('TELEGRAM_BOT_TOKEN', /^\d+:[\w-]+$/, 'must look like 123456:ABC-token');
const secret = required('TELEGRAM_WEBHOOK_SECRET', /^[A-Za-z0-9_-]{1,256}$/, 'must be 1-256 of A-Z a-z 0-9 _ -');
const url = values.url ?? '';
if (!/^https:\/\/[^/]+\/telegram\/webhook$/.test(url)) {
  console.error('--url must be https://<host>/telegram/webhook (Telegram only calls HTTPS webhooks)');
  process.exit(2);
}

const api = telegramApi({ botToken: token, apiRoot: process.env.TELEGRAM_API_URL || 'https://api.telegram.org' });
await api.call('setWebhook', {
  url,
  secret_token: secret,
  allowed_updates: ['message', 'callback_query'],
  drop_pending_updates: values['drop-pending'],
});
const info = await api.call('getWebhookInfo', {});
console.log(`Webhook set: ${info.url} (pending updates: ${info.pending_update_count})`);
