import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { CommandScope } from '../../workers/channels/command-context';
import type { Logger } from '../observability/logger';
import { type Answer, answerCommand } from './commands';
import { clip } from './commands/format';
import { type ParsedCommand, parseTelegramCommand } from './commands/parse';

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

/**
 * getMe would cost a round trip on every cold request; the bot's id is the token's prefix
 * and the rest only matters for inline mode and groups, which this bot does not serve.
 */
export function botInfoFor(botToken: string): UserFromGetMe {
  return {
    id: Number(botToken.split(':', 1)[0]),
    is_bot: true,
    first_name: 'Empire',
    username: 'empire_bot',
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
}

/** Telegram's inline keyboard: each button carries its command line as callback data (at most 64 bytes). */
const keyboardOf = (answer: Answer) =>
  answer.buttons?.length
    ? {
        reply_markup: {
          inline_keyboard: answer.buttons.map((row) =>
            row.map((button) => ({ text: button.text, callback_data: button.command })),
          ),
        },
      }
    : {};

/**
 * The command bot: allow-listed chats only, owner actions from the owner's chat only, each update
 * once (a button press too), the answer sent after the webhook returned.
 */
export function createCommandBot(settings: TelegramBotSettings, deps: TelegramBotDeps): Bot {
  const bot = new Bot(settings.botToken, {
    botInfo: botInfoFor(settings.botToken),
    // grammY waits 500 s by default; the answer is sent in the webhook's background time.
    client: { apiRoot: settings.apiRoot, timeoutSeconds: 10 },
  });
  const allowed = new Set(settings.allowedChatIds);

  /** Claims the update, then runs `parsed` in the background and hands its answer to `send`. */
  async function handle(
    updateId: number,
    chatId: number,
    replyTo: number,
    parsed: ParsedCommand,
    send: (answer: Answer) => Promise<unknown>,
  ) {
    if (!(await deps.claim(updateId))) {
      deps.log.info('telegram update already handled', { updateId });
      return;
    }
    const scope = deps.commandScope(chatId, replyTo);
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

  bot.on('message:text', async (ctx) => {
    if (!allowed.has(ctx.chat.id)) return;
    const parsed = parseTelegramCommand(ctx.message.text);
    if (!parsed) return;
    const messageId = ctx.message.message_id;
    await handle(ctx.update.update_id, ctx.chat.id, messageId, parsed, (answer) =>
      ctx.reply(clip(answer.text, TELEGRAM_MAX_TEXT), {
        reply_parameters: { message_id: messageId, allow_sending_without_reply: true },
        ...keyboardOf(answer),
      }),
    );
  });

  // A button under an answer: its data is a command line, run as if typed in that chat.
  bot.on('callback_query:data', async (ctx) => {
    const chatId = ctx.chat?.id;
    const messageId = ctx.callbackQuery.message?.message_id;
    const parsed = parseTelegramCommand(`/${ctx.callbackQuery.data}`);
    if (chatId === undefined || messageId === undefined || !allowed.has(chatId)) return;
    if (!parsed) {
      // Not a button this bot made; answered all the same, so the client stops waiting on it.
      if (await deps.claim(ctx.update.update_id))
        deps.background(ctx.answerCallbackQuery({ text: 'This button is not one of mine.' }).catch(() => undefined));
      return;
    }
    await handle(ctx.update.update_id, chatId, messageId, parsed, async (answer) => {
      const text = clip(answer.text, TELEGRAM_MAX_TEXT);
      // The popup is short; the whole answer goes to the chat, under the message the button was on.
      await ctx.answerCallbackQuery({ text: clip(text, CALLBACK_MAX_TEXT) });
      await ctx.reply(text, { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } });
    });
  });

  return bot;
}
