import { env } from 'cloudflare:workers';
import { workerFetch } from '../helpers/fetch';
import privateCommand from './fixtures/update_private_command.json';

export const TELEGRAM_SECRET = 'test-telegram-webhook-secret';
export const OWNER_CHAT = 512384907;

interface SentMessage {
  method: string;
  body: { chat_id: number; text: string; reply_parameters?: { message_id: number } };
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

async function sentReplies(messageId: number): Promise<SentMessage[]> {
  const calls = (await (await fetch(`${env.FAKE_TELEGRAM_URL}/__fake/calls`)).json()) as SentMessage[];
  return calls.filter((call) => call.method === 'sendMessage' && call.body.reply_parameters?.message_id === messageId);
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

/** Sends a command from the owner's chat and returns the one answer's text. */
export async function ask(text: string): Promise<string> {
  const { update, messageId } = commandUpdate(text);
  const response = await sendUpdate(update);
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  const replies = await repliesTo(messageId);
  if (replies.length !== 1) throw new Error(`expected one answer to ${text}, got ${replies.length}`);
  return replies[0]?.body.text ?? '';
}
