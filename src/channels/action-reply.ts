import type { ActionRow } from '../agents/actions-store';
import { clip } from './commands/format';
import { telegramApi } from './telegram-api';

const TELEGRAM_MAX_TEXT = 4_096;

/** Where an action's answer goes: the chat message that asked for it. */
export interface ChatReplyTarget {
  chatId: number;
  messageId: number;
  /** Set once the chat was told the action waits for budget, so it is told once. */
  waiting?: boolean;
}

export interface ChatSender {
  send(target: ChatReplyTarget, text: string): Promise<void>;
}

/** What to tell the chat after a consumer ran the action; undefined when there is nothing to tell. */
export function actionReplyText(
  action: Pick<ActionRow, 'status' | 'result' | 'error' | 'agents'>,
  target: ChatReplyTarget,
): string | undefined {
  const agent = action.agents.join(', ');
  if (action.status === 'done') return `${agent}: ${action.result ?? ''}`;
  if (action.status === 'failed') return `${agent} could not answer: ${action.error ?? 'unknown error'}`;
  if (action.status === 'queued' && !target.waiting)
    return `${agent} is over budget (${action.error ?? 'a cap is reached'}); the answer follows once the budget allows.`;
  return undefined;
}

export function telegramSender(settings: { botToken: string; apiRoot: string }): ChatSender {
  const api = telegramApi(settings);
  return {
    async send(target, text) {
      await api.call('sendMessage', {
        chat_id: target.chatId,
        text: clip(text, TELEGRAM_MAX_TEXT),
        reply_parameters: { message_id: target.messageId, allow_sending_without_reply: true },
      });
    },
  };
}
