import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { TelegramApiError, telegramApi } from '../../src/channels/telegram-api';
import flood from './fixtures/error_response_429.json';
import { telegramCalls } from './telegram-helpers';

// A token of the real shape.
const TOKEN = '7012345678:AAFq3xZt9V_kH2mP-rW8sYc4uJ6nE1oLb0d';

// Faults in the fake are set per chat, so each test uses chats of its own.
const freshChat = () => 900_000_000 + Math.floor(Math.random() * 90_000_000);

async function failNext(chatId: number, fault: Record<string, unknown>) {
  const response = await fetch(`${env.FAKE_TELEGRAM_URL}/__fake/fail`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ chatId, ...fault }),
  });
  expect(response.status).toBe(200);
}

const api = (apiRoot = env.FAKE_TELEGRAM_URL, timeoutMs?: number) =>
  telegramApi({ botToken: TOKEN, apiRoot, ...(timeoutMs ? { timeoutMs } : {}) });

/** The error a call ended with; fails the test when the call succeeded. */
async function failureOf(call: Promise<unknown>): Promise<TelegramApiError> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TelegramApiError);
  return error as TelegramApiError;
}

const send = (client: ReturnType<typeof api>, chatId: number) =>
  client.call('sendMessage', { chat_id: chatId, text: 'Budget at 80%' });

describe('happy', () => {
  it("POSTs JSON to /bot<token>/<method> and returns Telegram's result", async () => {
    const chatId = freshChat();
    const sent = await api().call('sendMessage', {
      chat_id: chatId,
      text: 'Budget at 80%',
      reply_markup: { inline_keyboard: [[{ text: 'Status', callback_data: 'status' }]] },
    });
    expect(sent.chat.id).toBe(chatId);
    expect(sent.message_id).toBeGreaterThan(0);
    const call = (await telegramCalls()).find((entry) => entry.body.chat_id === chatId);
    expect(call).toMatchObject({
      token: TOKEN,
      method: 'sendMessage',
      body: { text: 'Budget at 80%', reply_markup: { inline_keyboard: [[{ callback_data: 'status' }]] } },
    });
  });

  it('answers a button press with true', async () => {
    expect(await api().call('answerCallbackQuery', { callback_query_id: '42', text: 'Done' })).toBe(true);
  });
});

describe('errors', () => {
  it("maps ok:false to Telegram's error_code and description", async () => {
    const chatId = freshChat();
    await failNext(chatId, { errorCode: 400, description: 'Bad Request: chat not found' });
    const error = await failureOf(send(api(), chatId));
    expect(error).toMatchObject({ method: 'sendMessage', errorCode: 400, retryAfterSeconds: undefined });
    expect(error.message).toBe('Telegram sendMessage failed (400: Bad Request: chat not found)');
    expect(error.retryable).toBe(false);
  });

  it('keeps retry_after of a 429 (flood control) and calls it retryable', async () => {
    const chatId = freshChat();
    await failNext(chatId, { errorCode: 429 });
    const error = await failureOf(send(api(), chatId));
    expect(error).toMatchObject({ errorCode: flood.error_code, retryAfterSeconds: flood.parameters.retry_after });
    expect(error.message).toContain(flood.description);
    expect(error.retryable).toBe(true);
  });

  it('tells a user who blocked the bot (403) from a failure worth retrying', async () => {
    const chatId = freshChat();
    await failNext(chatId, { errorCode: 403 });
    const error = await failureOf(send(api(), chatId));
    expect(error.message).toContain('Forbidden: bot was blocked by the user');
    expect(error.forbidden).toBe(true);
    expect(error.retryable).toBe(false);
  });

  it("names the HTTP status of an answer that is not the Bot API's", async () => {
    const chatId = freshChat();
    await failNext(chatId, { errorCode: 502, raw: '<html><body>502 Bad Gateway</body></html>' });
    const error = await failureOf(send(api(), chatId));
    expect(error).toMatchObject({ errorCode: 502 });
    expect(error.message).toBe('Telegram sendMessage: HTTP 502 without a Bot API answer');
    expect(error.retryable).toBe(true);
  });

  it('fails as unreachable when nothing listens, and as timed out when no answer comes', async () => {
    const refused = await failureOf(send(api('http://127.0.0.1:9'), freshChat()));
    expect(refused.message).toMatch(/^Telegram sendMessage: unreachable \(/);
    expect(refused).toMatchObject({ errorCode: undefined, retryable: true });

    const chatId = freshChat();
    await failNext(chatId, { delayMs: 3_000 });
    const late = await failureOf(send(api(env.FAKE_TELEGRAM_URL, 100), chatId));
    expect(late.message).toBe('Telegram sendMessage: no answer within 100 ms');
    expect(late).toMatchObject({ errorCode: undefined, retryable: true });
  });
});

describe('security', () => {
  it('never names the bot token in an error, even when the runtime names the URL', async () => {
    const chatId = freshChat();
    await failNext(chatId, { errorCode: 400, description: `Bad Request: token ${TOKEN} is odd` });
    const failures = [
      await failureOf(send(api(), chatId)),
      await failureOf(send(api('http://127.0.0.1:9'), freshChat())),
      // Not a URL: the runtime's own message quotes what it was given.
      await failureOf(send(api('not a url'), freshChat())),
    ];
    for (const error of failures) {
      expect(`${String(error)} ${error.stack ?? ''}`).not.toContain(TOKEN.split(':')[1]);
    }
    expect(failures[2]?.message).toMatch(/^Telegram sendMessage: unreachable \(.*\[bot-token\]/);
  });
});
