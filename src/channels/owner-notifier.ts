import { telegramApi } from './telegram-api';

/**
 * What became of a message to the owner: delivered, only dry runs (an alert e-mail without a
 * provider), or no channel to the owner is configured.
 */
export type Delivery = 'sent' | 'dry_run' | 'not_configured';

/** Pushes a short text to the owner and says whether it went anywhere; a failed delivery throws. */
export interface OwnerNotifier {
  notify(text: string): Promise<Delivery>;
}

export interface TelegramSettings {
  botToken: string;
  ownerChatId: number;
  apiRoot: string;
}

export function telegramNotifier(settings: TelegramSettings): OwnerNotifier {
  const api = telegramApi(settings);
  return {
    async notify(text) {
      await api.call('sendMessage', { chat_id: settings.ownerChatId, text });
      return 'sent';
    },
  };
}

/** Without a channel nothing is sent, and the notifier says so rather than claiming success. */
export const unconfiguredNotifier: OwnerNotifier = { notify: async () => 'not_configured' };

/** The owner's Telegram chat when one is configured, else the notifier that reports `not_configured`. */
export const ownerNotifier = (telegram: TelegramSettings | undefined): OwnerNotifier =>
  telegram ? telegramNotifier(telegram) : unconfiguredNotifier;
