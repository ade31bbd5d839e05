import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { CommandScope } from '../../workers/channels/command-context';
import type { Logger } from '../observability/logger';
import { answerCommand } from './commands';
import { clip } from './commands/format';
import { parseTelegramCommand } from './commands/parse';

const TELEGRAM_MAX_TEXT = 4_096;

export interface TelegramBotSettings {
  botToken: string;
  allowedChatIds: number[];
  apiRoot: string;
}

export interface TelegramBotDeps {
  /** Claims an update id; false when it was already handled (Telegram redelivered it). */
  claim(updateId: number): Promise<boolean>;
  /** Built only for an update that will be answered. */
  commandScope(chatId: number): CommandScope;
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

/** The command bot: allow-listed chats only, each update once, the answer sent after the webhook returned. */
export function createCommandBot(settings: TelegramBotSettings, deps: TelegramBotDeps): Bot {
  const bot = new Bot(settings.botToken, {
    botInfo: botInfoFor(settings.botToken),
    // grammY waits 500 s by default; the answer is sent in the webhook's background time.
    client: { apiRoot: settings.apiRoot, timeoutSeconds: 10 },
  });
  const allowed = new Set(settings.allowedChatIds);

  bot.on('message:text', async (ctx) => {
    if (!allowed.has(ctx.chat.id)) return;
    const parsed = parseTelegramCommand(ctx.message.text);
    if (!parsed) return;
    if (!(await deps.claim(ctx.update.update_id))) {
      deps.log.info('telegram update already handled', { updateId: ctx.update.update_id });
      return;
    }
    const messageId = ctx.message.message_id;
    const scope = deps.commandScope(ctx.chat.id);
    const work = async () => {
      const answer = await answerCommand(parsed, scope.context);
      if (answer.failure !== undefined)
        deps.log.error('telegram command failed', { command: parsed.name, error: String(answer.failure) });
      await ctx.reply(clip(answer.text, TELEGRAM_MAX_TEXT), {
        reply_parameters: { message_id: messageId, allow_sending_without_reply: true },
      });
    };
    deps.background(
      work()
        .catch((error: unknown) =>
          deps.log.error('telegram reply failed', { command: parsed.name, error: String(error) }),
        )
        .finally(() => scope.close()),
    );
  });

  return bot;
}
