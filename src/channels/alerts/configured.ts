import type { AlertSettings } from '../../config/alert-settings';
import type { Logger } from '../../observability/logger';
import { createEmailSender, type EmailConfig } from '../email';
import { type TelegramSettings, telegramNotifier } from '../owner-notifier';
import type { AlertSink } from './alert';
import { type Alerter, alertDispatcher } from './dispatch';
import { emailSink } from './email-sink';
import { webhookSink } from './webhook-sink';

export interface AlertChannels {
  telegram?: TelegramSettings;
  email: EmailConfig;
  alerts: AlertSettings;
}

export function telegramSink(settings: TelegramSettings): AlertSink {
  const chat = telegramNotifier(settings);
  return {
    name: 'telegram',
    async deliver(alert) {
      await chat.notify(alert.text);
      return 'sent';
    },
  };
}

/** Every sink the configuration names: the owner's chat, the alert address, the signed webhook. */
export function configuredSinks(channels: AlertChannels): AlertSink[] {
  const sinks: AlertSink[] = [];
  if (channels.telegram) sinks.push(telegramSink(channels.telegram));
  if (channels.alerts.emailTo) sinks.push(emailSink(createEmailSender(channels.email), channels.alerts.emailTo));
  if (channels.alerts.webhook) sinks.push(webhookSink(channels.alerts.webhook));
  return sinks;
}

export const configuredAlerter = (channels: AlertChannels, log: Logger): Alerter =>
  alertDispatcher(configuredSinks(channels), log);
