import { Api } from 'grammy';

/** Pushes a short text to the owner; absent when no Telegram chat is configured. */
export interface OwnerNotifier {
  notify(text: string): Promise<void>;
}

export interface TelegramSettings {
  botToken: string;
  ownerChatId: number;
  apiRoot: string;
}

export function telegramNotifier(settings: TelegramSettings): OwnerNotifier {
  // grammY waits 500 s by default; a hung Telegram must not hold what is alerting the owner.
  const api = new Api(settings.botToken, { apiRoot: settings.apiRoot, timeoutSeconds: 10 });
  return {
    async notify(text) {
      await api.sendMessage(settings.ownerChatId, text);
    },
  };
}
