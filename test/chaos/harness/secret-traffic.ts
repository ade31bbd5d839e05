// Requests that carry each kind of secret the way its sender does, and requests that go wrong on
// the way (bad tokens, a refused ping, an upstream that fails), for a scenario booted with
// `secrets: true` to grep the stack's output afterwards.
import { PING_SALE_BODY } from '../../revenue/gumroad-fixture.ts';
import { research, until } from './client.ts';
import type { Scenario } from './scenario.ts';
import { GUMROAD_SELLER_ID, OWNER_CHAT_ID, type SecretSetup } from './secrets.ts';

const FORM = 'application/x-www-form-urlencoded';
const randomId = () => 100_000_000 + Math.floor(Math.random() * 1_900_000_000);

function statusUpdate() {
  const chat = { id: OWNER_CHAT_ID, first_name: 'Dana', type: 'private' };
  return {
    update_id: randomId(),
    message: {
      message_id: randomId(),
      from: { id: OWNER_CHAT_ID, is_bot: false, first_name: 'Dana' },
      chat,
      date: Math.floor(Date.now() / 1000),
      text: '/status',
      entities: [{ offset: 0, length: 7, type: 'bot_command' }],
    },
  };
}

function pingBody(sellerId: string): string {
  const body = new URLSearchParams(PING_SALE_BODY);
  body.set('seller_id', sellerId);
  body.set('sale_id', `leak-check-${crypto.randomUUID()}`);
  return body.toString();
}

/** Sends the requests and waits for the work they start in the background; returns each one's status. */
export async function sendSecretTraffic(scenario: Scenario, setup: SecretSetup): Promise<Record<string, number>> {
  const { client } = scenario;
  const { secrets } = setup;
  // As the senders send them: no owner key, only what each request carries.
  const status = async (method: string, path: string, init: { body?: string; headers?: Record<string, string> }) => {
    const response = await fetch(`${scenario.stack.baseUrl}${path}`, { method, ...init });
    await response.arrayBuffer();
    return response.status;
  };

  const gumroad = `/webhooks/gumroad/${secrets.GUMROAD_WEBHOOK_SECRET}`;
  const telegramHeaders = (secret: string) => ({
    'content-type': 'application/json',
    'x-telegram-bot-api-secret-token': secret,
  });
  // The bot's first reply fails as Telegram's 500 does, so the failure is logged.
  await fetch(`${setup.telegram.url}/__fake/fail`, {
    method: 'POST',
    body: JSON.stringify({ chatId: OWNER_CHAT_ID, errorCode: 500, times: 1 }),
  });
  setup.llm.addFault({ status: 401, contains: 'leak-check-refused', times: 0 });

  const statuses = {
    'gumroad ping': await status('POST', gumroad, {
      body: pingBody(GUMROAD_SELLER_ID),
      headers: { 'content-type': FORM },
    }),
    'gumroad ping for another seller': await status('POST', gumroad, {
      body: pingBody('someone-else'),
      headers: { 'content-type': FORM },
    }),
    'telegram /status': await status('POST', '/telegram/webhook', {
      body: JSON.stringify(statusUpdate()),
      headers: telegramHeaders(secrets.TELEGRAM_WEBHOOK_SECRET ?? ''),
    }),
    'telegram with a wrong secret': await status('POST', '/telegram/webhook', {
      body: JSON.stringify(statusUpdate()),
      headers: telegramHeaders('not-the-secret'),
    }),
    'metrics with the scrape token': await status('GET', '/metrics', {
      headers: { authorization: `Bearer ${secrets.METRICS_SCRAPE_TOKEN}` },
    }),
    'metrics with the token in the query': await status('GET', `/metrics?token=${secrets.METRICS_SCRAPE_TOKEN}`, {}),
    'api with a wrong key': await status('GET', '/api/budget', {
      headers: { authorization: 'Bearer emp_leakcheckwrongkey0123456789abcdef' },
    }),
    'api with the key in the query': await status('GET', `/api/budget?api_key=${secrets.EMPIRE_DEV_OWNER_KEY}`, {}),
    'chat completion': (await client.request('POST', '/v1/chat/completions', research('leak-check plain'))).status,
    'chat completion the providers refuse': (
      await client.request('POST', '/v1/chat/completions', research('leak-check-refused'))
    ).status,
  };
  setup.llm.clearFaults();
  // The bot answers after its 200; its reply fails, and the failure is logged.
  const printed = async () => (await scenario.stack.outputs()).find((output) => output.name === 'stack.log')?.text;
  await until(printed, (text) => Boolean(text?.includes('"message":"telegram reply failed"')), 30_000);
  return statuses;
}
