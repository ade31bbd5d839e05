import type { CommandScope } from '../../workers/channels/command-context';
import type { Logger } from '../observability/logger';
import { type Answer, answerCommand } from './commands';
import { clip } from './commands/format';
import { type ParsedCommand, parseTelegramCommand } from './commands/parse';
import { type SendMessageParams, type TelegramApi, telegramApi } from './telegram-api';
import type { TelegramMessage, TelegramUpdate } from './telegram-update';

const TELEGRAM_MAX_TEXT = 4_096;
const CALLBACK_MAX_TEXT = 200;

export interface TelegramBotSettings {
  botToken: string;
  allowedChatIds: number[];
  /** The chat that may take owner actions; without one, nobody may. */
  ownerChatId?: number;
  apiRoot: string;
}

export interface TelegramBotDeps {
  /** Claims an update id; false when it was already handled (Telegram redelivered it). */
  claim(updateId: number): Promise<boolean>;
  /** Built only for an update that will be answered; `replyTo` is the message an answer goes under. */
  commandScope(chatId: number, replyTo: number): CommandScope;
  /** Keeps slow work alive after the 200 went back, so Telegram never retries a slow update. */
  background(work: Promise<unknown>): void;
  log: Logger;
}

export interface CommandBot {
  /** Resolves once the update is claimed (or ignored); its answer is sent in the background. */
  handleUpdate(update: TelegramUpdate): Promise<void>;
}

/** Telegram's inline keyboard: each button carries its command line as callback data (at most 64 bytes). */
const keyboardOf = (answer: Answer): Pick<SendMessageParams, 'reply_markup'> =>
  answer.buttons?.length
    ? {
        reply_markup: {
          inline_keyboard: answer.buttons.map((row) =>
            row.map((button) => ({ text: button.text, callback_data: button.command })),
          ),
        },
      }
    : {};

/** An answer in the chat of `message` (and its forum topic), as a reply to it. */
const replyTo = (message: TelegramMessage, text: string): SendMessageParams => ({
  chat_id: message.chat.id,
  ...(message.is_topic_message ? { message_thread_id: message.message_thread_id } : {}),
  direct_messages_topic_id: message.direct_messages_topic?.topic_id,
  text,
  reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
});

/**
 * The command bot: allow-listed chats only, owner actions from the owner's chat only, each update
 * once (a button press too), the answer sent after the webhook returned.
 */
export function createCommandBot(settings: TelegramBotSettings, deps: TelegramBotDeps): CommandBot {
  const api: TelegramApi = telegramApi(settings);
  const allowed = new Set(settings.allowedChatIds);

  /** Claims the update, then runs `parsed` in the background and hands its answer to `send`. */
  async function handle(
    updateId: number,
    message: TelegramMessage,
    parsed: ParsedCommand,
    send: (answer: Answer) => Promise<unknown>,
  ) {
    if (!(await deps.claim(updateId))) {
      deps.log.info('telegram update already handled', { updateId });
      return;
    }
    const chatId = message.chat.id;
    const scope = deps.commandScope(chatId, message.message_id);
    const work = async () => {
      const answer = await answerCommand(parsed, scope.context, '/', { owner: chatId === settings.ownerChatId });
      if (answer.failure !== undefined)
        deps.log.error('telegram command failed', { command: parsed.name, error: String(answer.failure) });
      await send(answer);
    };
    deps.background(
      work()
        .catch((error: unknown) =>
          deps.log.error('telegram reply failed', { command: parsed.name, error: String(error) }),
        )
        .finally(() => scope.close()),
    );
  }

  async function onText(updateId: number, message: TelegramMessage, text: string) {
    if (!allowed.has(message.chat.id)) return;
    const parsed = parseTelegramCommand(text);
    if (!parsed) return;
    await handle(updateId, message, parsed, (answer) =>
      api.call('sendMessage', { ...replyTo(message, clip(answer.text, TELEGRAM_MAX_TEXT)), ...keyboardOf(answer) }),
    );
  }

  // A button under an answer: its data is a command line, run as if typed in that chat.
  async function onButton(updateId: number, queryId: string, data: string, message: TelegramMessage | undefined) {
    const parsed = parseTelegramCommand(`/${data}`);
    if (!message || !allowed.has(message.chat.id)) return;
    if (!parsed) {
      // Not a button this bot made; answered all the same, so the client stops waiting on it.
      if (await deps.claim(updateId))
        deps.background(
          api
            .call('answerCallbackQuery', { callback_query_id: queryId, text: 'This button is not one of mine.' })
            .catch(() => undefined),
        );
      return;
    }
    await handle(updateId, message, parsed, async (answer) => {
      const text = clip(answer.text, TELEGRAM_MAX_TEXT);
      // The popup is short; the whole answer goes to the chat, under the message the button was on.
      await api.call('answerCallbackQuery', { callback_query_id: queryId, text: clip(text, CALLBACK_MAX_TEXT) });
      await api.call('sendMessage', replyTo(message, text));
    });
  }

  return {
    async handleUpdate(update) {
      const { message, callback_query: query } = update;
      if (message?.text) await onText(update.update_id, message, message.text);
      else if (query?.data) await onButton(update.update_id, query.id, query.data, query.message);
    },
  };
}
