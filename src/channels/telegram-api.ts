// The few Telegram Bot API calls the product makes, as plain JSON POSTs. No relative imports and
// only erasable syntax, so `scripts/telegram-set-webhook.ts` runs this file directly under Node.
import { z } from 'zod';

/** A hung Telegram must not hold what is answering a command or alerting the owner. */
export const TELEGRAM_TIMEOUT_MS = 10_000;

export interface TelegramApiSettings {
  botToken: string;
  /** `https://api.telegram.org`, or a local Bot API server or fake. */
  apiRoot: string;
  timeoutMs?: number;
}

export interface InlineKeyboardButton {
  text: string;
  /** 1-64 bytes, sent back in the callback query when the button is pressed. */
  callback_data: string;
}

export interface SendMessageParams {
  chat_id: number;
  text: string;
  message_thread_id?: number;
  direct_messages_topic_id?: number;
  reply_parameters?: { message_id: number; allow_sending_without_reply?: boolean };
  reply_markup?: { inline_keyboard: InlineKeyboardButton[][] };
}

/** The methods the product calls: the parameters it sends, and the results as Telegram documents them. */
export interface TelegramMethods {
  sendMessage: { params: SendMessageParams; result: { message_id: number; chat: { id: number } } };
  answerCallbackQuery: { params: { callback_query_id: string; text?: string }; result: true };
  setWebhook: {
    params: { url: string; secret_token?: string; allowed_updates?: string[]; drop_pending_updates?: boolean };
    result: true;
  };
  getWebhookInfo: { params: Record<string, never>; result: { url: string; pending_update_count: number } };
}

export interface TelegramApi {
  call<M extends keyof TelegramMethods>(
    method: M,
    params: TelegramMethods[M]['params'],
  ): Promise<TelegramMethods[M]['result']>;
}

/**
 * A call that did not succeed. `errorCode` is Telegram's `error_code` (an HTTP status: 400 a bad
 * request, 403 the user blocked the bot or it left the chat, 429 flood control), or the HTTP status
 * of an answer that is not the Bot API's; undefined when no answer came (unreachable, timed out).
 * The message never carries the bot token.
 */
export class TelegramApiError extends Error {
  override readonly name = 'TelegramApiError';
  readonly method: string;
  readonly errorCode: number | undefined;
  /** With 429: how long Telegram asks the bot to wait before it sends again. */
  readonly retryAfterSeconds: number | undefined;

  constructor(method: string, message: string, errorCode?: number, retryAfterSeconds?: number) {
    super(message);
    this.method = method;
    this.errorCode = errorCode;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The user blocked the bot, or the bot may not write to the chat: sending again will not help. */
  get forbidden(): boolean {
    return this.errorCode === 403;
  }

  /** Worth sending again later: flood control, Telegram's own failure, or no answer at all. */
  get retryable(): boolean {
    return this.errorCode === undefined || this.errorCode === 429 || this.errorCode >= 500;
  }
}

const answerSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error_code: z.number().int(),
    description: z.string(),
    parameters: z.object({ retry_after: z.number().optional() }).optional(),
  }),
]);

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

export function telegramApi(settings: TelegramApiSettings): TelegramApi {
  const root = settings.apiRoot.replace(/\/+$/, '');
  const timeoutMs = settings.timeoutMs ?? TELEGRAM_TIMEOUT_MS;
  // The token is part of the URL, and a runtime may name the URL in a fetch error.
  const scrub = (text: string) => text.replaceAll(settings.botToken, '[bot-token]');

  /** The HTTP status and body of Telegram's answer; throws when none came. */
  async function post(method: string, params: unknown): Promise<{ status: number; body: string }> {
    try {
      const response = await fetch(`${root}/bot${settings.botToken}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: response.status, body: await response.text() };
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      const reason = timedOut ? `no answer within ${timeoutMs} ms` : `unreachable (${scrub(String(error))})`;
      throw new TelegramApiError(method, `Telegram ${method}: ${reason}`);
    }
  }

  return {
    async call(method, params) {
      const response = await post(method, params);
      const answer = answerSchema.safeParse(parseJson(response.body));
      if (!answer.success)
        throw new TelegramApiError(
          method,
          `Telegram ${method}: HTTP ${response.status} without a Bot API answer`,
          response.status,
        );
      if (answer.data.ok) return answer.data.result as never;
      const { error_code: code, description, parameters } = answer.data;
      throw new TelegramApiError(
        method,
        `Telegram ${method} failed (${code}: ${scrub(description)})`,
        code,
        parameters?.retry_after,
      );
    },
  };
}
