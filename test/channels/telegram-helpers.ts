import { env } from 'cloudflare:workers';
import { workerFetch } from '../helpers/fetch';
import callbackQuery from './fixtures/update_callback_query.json';
import privateCommand from './fixtures/update_private_command.json';

export const TELEGRAM_SECRET = 'test-telegram-webhook-secret';
export const OWNER_CHAT = 512384907;
/** Allowed to read (TELEGRAM_ALLOWED_CHAT_IDS in the test config), but not the owner. */
export const OTHER_ALLOWED_CHAT = 700100200;

interface SentMessage {
  method: string;
  body: {
    chat_id: number;
    text: string;
    reply_parameters?: { message_id: number };
    reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] };
  };
}

// Redis keeps claimed update ids across runs, so every update gets fresh random ids.
const randomId = () => 100_000_000 + Math.floor(Math.random() * 1_900_000_000);

/** The fixture's private /status update, with fresh ids and the given text. */
export function commandUpdate(text: string, chatId = OWNER_CHAT) {
  const messageId = randomId();
  const command = /^\/\w+/.exec(text)?.[0] ?? '';
  const update = {
    ...privateCommand,
    update_id: randomId(),
    message: {
      ...privateCommand.message,
      message_id: messageId,
      chat: { ...privateCommand.message.chat, id: chatId },
      text,
      entities: command ? [{ offset: 0, length: command.length, type: 'bot_command' }] : [],
    },
  };
  return { update, messageId };
}

/** `secret: null` sends no secret header at all. */
export const sendUpdate = (update: unknown, secret: string | null = TELEGRAM_SECRET) =>
  workerFetch('/telegram/webhook', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }),
    },
    body: JSON.stringify(update),
  });

/** The fixture's button press on a message in `chatId`, with fresh ids and `data` as its callback data. */
export function callbackUpdate(data: string, chatId = OWNER_CHAT) {
  const messageId = randomId();
  const queryId = String(randomId());
  const update = {
    ...callbackQuery,
    update_id: randomId(),
    callback_query: {
      ...callbackQuery.callback_query,
      id: queryId,
      from: { ...callbackQuery.callback_query.from, id: chatId },
      message: {
        ...callbackQuery.callback_query.message,
        message_id: messageId,
        chat: { ...callbackQuery.callback_query.message.chat, id: chatId },
      },
      data,
    },
  };
  return { update, messageId, queryId };
}

export const telegramCalls = async () =>
  (await (await fetch(`${env.FAKE_TELEGRAM_URL}/__fake/calls`)).json()) as {
    method: string;
    body: Record<string, unknown>;
  }[];

async function sentReplies(messageId: number): Promise<SentMessage[]> {
  const calls = (await telegramCalls()) as SentMessage[];
  return calls.filter((call) => call.method === 'sendMessage' && call.body.reply_parameters?.message_id === messageId);
}

/** Waits until `count` answers went to one message (an /ask sends two: queued, then the answer). */
export async function waitForReplies(messageId: number, count: number, timeoutMs = 20_000): Promise<SentMessage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const replies = await sentReplies(messageId);
    if (replies.length >= count || Date.now() > deadline) return replies;
    await pause(100);
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The answers sent to one message: waits for the first, then a little longer to catch any duplicate. */
export async function repliesTo(messageId: number, { expectNone = false } = {}): Promise<SentMessage[]> {
  if (expectNone) {
    await pause(400);
    return sentReplies(messageId);
  }
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const replies = await sentReplies(messageId);
    if (replies.length > 0) {
      await pause(200);
      return sentReplies(messageId);
    }
    await pause(50);
  }
  return [];
}

/** Sends a command from the owner's (or another) chat and returns the one answer's text. */
export async function ask(text: string, chatId = OWNER_CHAT): Promise<string> {
  const { update, messageId } = commandUpdate(text, chatId);
  const response = await sendUpdate(update);
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  const replies = await repliesTo(messageId);
  if (replies.length !== 1) throw new Error(`expected one answer to ${text}, got ${replies.length}`);
  return replies[0]?.body.text ?? '';
}
