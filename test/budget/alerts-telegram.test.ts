import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { seedModels } from '../../src/llm/catalogue';
import { worstCaseCostMicros, worstCaseInputTokens } from '../../src/llm/estimate';
import { eventually, receivedAlerts } from '../channels/alert-helpers';
import { receivedBy } from '../channels/email-helpers';
import { checkedFetch } from '../helpers/fetch';
import { uniqueMarker } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';

interface TelegramCall {
  token: string;
  method: string;
  body: { chat_id: number; text: string };
}

const call = (path: string, body: unknown, headers: Record<string, string> = {}, method = 'POST') =>
  checkedFetch(
    new Request(`http://empire.test${path}`, {
      method,
      headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }),
  );

async function telegramMessages(containing: string): Promise<TelegramCall[]> {
  const calls = (await (await fetch(`${env.FAKE_TELEGRAM_URL}/__fake/calls`)).json()) as TelegramCall[];
  return calls.filter((entry) => entry.method === 'sendMessage' && entry.body.text.includes(containing));
}

describe('happy', () => {
  it("sends a budget alert to the owner's Telegram chat, the alert address and the signed webhook", async () => {
    const marker = uniqueMarker('alert');
    const messages = [{ role: 'user' as const, content: `${'w '.repeat(25)}${marker}` }];
    const opus = seedModels.find((model) => model.id === 'anthropic/claude-opus-5-5');
    if (!opus) throw new Error('no opus');
    const cap = worstCaseCostMicros(opus, worstCaseInputTokens(messages), 20);
    await call(
      '/api/budget',
      { caps: [{ scope: 'agent:mouth', window: 'day', amount: cap / 1e6, currency: 'USD' }] },
      {},
      'PUT',
    );
    const response = await call(
      '/v1/chat/completions',
      { model: 'anthropic/claude-opus-5-5', messages, max_tokens: 20 },
      { 'x-empire-agent': 'mouth' },
    );
    expect(response.status).toBe(200);
    const cost = ((await response.json()) as { empire: { cost_micros: number } }).empire.cost_micros;
    const reached = [100, 80, 50].find((threshold) => cost * 100 >= cap * threshold);
    expect(reached).toBeDefined();

    let sent = await telegramMessages(`agent:mouth has used ${reached}%`);
    for (let wait = 0; wait < 40 && sent.length === 0; wait += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      sent = await telegramMessages(`agent:mouth has used ${reached}%`);
    }
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ token: '7012345678:test-token', body: { chat_id: 512384907 } });
    expect(sent[0]?.body.text).toMatch(/EUR/);
    // The same alert at the alert address and the signed webhook, delivered in the background too.
    const text = sent[0]?.body.text ?? '';
    const [hook] = await eventually(() => receivedAlerts(text));
    expect(hook?.body).toMatchObject({
      kind: 'budget',
      severity: reached === 100 ? 'page' : 'warn',
      title: `agent:mouth at ${reached}% of its day budget`,
      text,
    });
    const mails = await eventually(async () =>
      (await receivedBy('alerts@ops.empire.test')).filter(
        (mail) => mail.body.text === `${text}\n\nbudget alert ${hook?.deliveryId}, ${hook?.body.at}`,
      ),
    );
    expect(mails).toHaveLength(1);
  });
});
