import { createRoute, z } from '@hono/zod-openapi';
import { claimOnce } from '../../src/channels/claim';
import { constantTimeEqual } from '../../src/channels/secrets';
import { createCommandBot } from '../../src/channels/telegram-bot';
import { telegramUpdateSchema } from '../../src/channels/telegram-update';
import { commandScopeFor } from '../channels/command-context';
import { auditNote } from '../http/audit';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { ErrorSchema, errorResponses, jsonResponse } from '../http/responses';
import { issuesOf } from '../http/validation';
import { webhookClaimStores } from '../webhook-claims';

const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

export const telegramRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/telegram/webhook',
    summary: 'Telegram Bot API webhook: commands from allow-listed chats, each update handled once',
    description:
      'Requires the secret token given to setWebhook. Answers 200 at once; the command runs afterwards and its answer is sent with sendMessage.',
    request: { headers: z.object({ 'x-telegram-bot-api-secret-token': z.string().max(256).optional() }) },
    responses: {
      200: { description: 'Accepted (or ignored: unknown chat, not a command, already handled)' },
      ...errorResponses,
      400: jsonResponse(ErrorSchema, 'The body is not a Telegram update; details list each problem'),
      401: jsonResponse(ErrorSchema, 'Missing or wrong secret token'),
    },
  }),
  async (c) => {
    const settings = c.var.config.telegramBot;
    if (!settings)
      throw new AppError(
        'not_found',
        'The Telegram bot is not configured (TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET)',
      );
    if (!constantTimeEqual(c.req.header(SECRET_HEADER) ?? '', settings.webhookSecret))
      throw new AppError('unauthorized', `Missing or wrong ${SECRET_HEADER}`);
    auditNote(c, { actor: { kind: 'webhook', id: 'telegram' }, target: { type: 'telegram' } });
    // Checked after the secret, so a caller without it learns nothing about the body's shape.
    const update = telegramUpdateSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!update.success) {
      const issues = issuesOf(update.error);
      const first = issues[0] ? `${issues[0].path}: ${issues[0].message}` : 'not JSON';
      throw new AppError('invalid_request', `The body is not a Telegram update (${first})`, issues);
    }
    const claims = webhookClaimStores(c);
    const botId = settings.botToken.split(':', 1)[0];
    const bot = createCommandBot(settings, {
      claim: (updateId) => claimOnce(`telegram:${botId}:update:${updateId}`, claims),
      commandScope: (chatId, replyTo) => commandScopeFor(c, `telegram:${chatId}`, { chatId, messageId: replyTo }),
      background: (work) => c.executionCtx.waitUntil(work),
      log: c.var.log,
    });
    await bot.handleUpdate(update.data);
    return c.body(null, 200);
  },
);
