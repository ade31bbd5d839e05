import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { budgetAlert } from '../../src/budget/alert-fanout';
import { budgetSettings } from '../../src/budget/settings';
import { configuredSinks } from '../../src/channels/alerts/configured';
import { alertDispatcher } from '../../src/channels/alerts/dispatch';
import { emailSink } from '../../src/channels/alerts/email-sink';
import { webhookSink } from '../../src/channels/alerts/webhook-sink';
import { createEmailSender, dryRunSender } from '../../src/channels/email';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/observability/logger';
import { alertWebhook, receivedAlerts, recordingFetch, refusalsOf, resend, testAlert } from './alert-helpers';
import { receivedBy, recipient } from './email-helpers';
import { OWNER_CHAT, telegramCalls } from './telegram-helpers';

const config = loadConfig(env);
const delivery = () => ({ id: crypto.randomUUID(), at: Date.now() });

function capturedLog() {
  const lines: string[] = [];
  return { lines, log: createLogger({}, (line) => lines.push(line)) };
}

describe('happy', () => {
  it('POSTs the alert as JSON the receiver verifies: signature, timestamp and delivery id', async () => {
    const { alert, marker } = testAlert();
    const at = delivery();
    expect(await webhookSink(alertWebhook).deliver(alert, at)).toBe('sent');
    const [received, ...rest] = await receivedAlerts(marker);
    expect(rest).toEqual([]);
    expect(received?.deliveryId).toBe(at.id);
    expect(received?.body).toEqual({ id: at.id, ...alert, at: new Date(at.at).toISOString() });
  });

  it('sends the alert as an e-mail through the configured provider, keyed by its delivery', async () => {
    const { alert, marker } = testAlert();
    const to = recipient('ops');
    const at = delivery();
    expect(await emailSink(createEmailSender(config.email), to).deliver(alert, at)).toBe('sent');
    const [message, ...rest] = await receivedBy(to);
    expect(rest).toEqual([]);
    expect(message?.body).toMatchObject({ subject: `[AI Empire] Alert: Health degraded ${marker}` });
    expect(String(message?.body.text)).toContain(`Health check: ${marker}`);
    expect(String(message?.body.text)).toContain(at.id);
    expect(message?.idempotencyKey).toBe(`alert/${at.id}`);
  });

  it('hands every alert to every configured sink: the owner chat, the alert address and the webhook', async () => {
    const { alert, marker } = testAlert();
    const to = recipient('ops');
    const sinks = configuredSinks({ ...config, alerts: { ...config.alerts, emailTo: to } });
    expect(sinks.map((sink) => sink.name)).toEqual(['telegram', 'email', 'webhook']);
    expect(await alertDispatcher(sinks, createLogger()).alert(alert)).toBe('sent');
    const [received] = await receivedAlerts(marker);
    const [message] = await receivedBy(to);
    const chat = (await telegramCalls()).filter((call) => String(call.body.text).includes(marker));
    expect(chat.map((call) => Number(call.body.chat_id))).toEqual([OWNER_CHAT]);
    // One delivery, one id at every sink.
    expect(String(message?.body.text)).toContain(received?.deliveryId);
  });
  it('pages for a cap reached and the P1 line passed, and warns at 50 and 80 %', () => {
    const settings = budgetSettings(config);
    const at = (threshold: 50 | 80 | 100 | 'p1') =>
      budgetAlert(
        {
          scope: { kind: 'agent', id: 'mouth' },
          window: 'day',
          windowKey: '2026-12-07',
          threshold,
          spentMicros: 4_000_000,
          limitMicros: 5_000_000,
          firedAt: Date.now(),
        },
        settings,
      );
    expect([at(50), at(80), at(100), at('p1')].map(({ kind, severity }) => `${kind}:${severity}`)).toEqual([
      'budget:warn',
      'budget:warn',
      'budget:page',
      'p1_spend:page',
    ]);
    expect(at(80).title).toBe('agent:mouth at 80% of its day budget');
  });
});

describe('errors', () => {
  it('keeps delivering to the other sinks when one fails, and logs the failure by sink name only', async () => {
    const { alert } = testAlert();
    const to = recipient('ops');
    const token = 'hook-path-token-0f3a9c';
    const dead = webhookSink({ url: `http://127.0.0.1:9/hooks/${token}`, secret: alertWebhook.secret });
    const { lines, log } = capturedLog();
    const alerter = alertDispatcher([dead, emailSink(createEmailSender(config.email), to)], log);
    expect(await alerter.alert(alert)).toBe('sent');
    expect(await receivedBy(to)).toHaveLength(1);
    const failures = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(failures).toEqual([
      expect.objectContaining({ level: 'error', message: 'alert not delivered', sink: 'webhook', kind: 'health' }),
    ]);
    expect(lines.join('\n')).not.toContain(token);
    expect(lines.join('\n')).not.toContain(alertWebhook.secret);
  });

  it('throws when every sink failed, so a caller that retries repeats nothing delivered', async () => {
    const dead = webhookSink({ url: 'http://127.0.0.1:9/hooks', secret: alertWebhook.secret });
    await expect(
      alertDispatcher(
        [dead],
        createLogger({}, () => {}),
      ).alert(testAlert().alert),
    ).rejects.toThrow(/no alert sink took the health alert/);
  });

  it('says the receiver refused: an answer that is not 2xx is a failed delivery', async () => {
    const { alert, marker } = testAlert();
    await fetch(alertWebhook.url.replace(/\/alerts$/, '/__fake/faults'), {
      method: 'POST',
      body: JSON.stringify({ status: 503, contains: marker }),
    });
    await expect(webhookSink(alertWebhook).deliver(alert, delivery())).rejects.toThrow(
      'the alert webhook answered 503',
    );
  });

  it('sends nothing without an e-mail provider, and says it was a dry run', async () => {
    const to = recipient('ops');
    const { lines, log } = capturedLog();
    const alerter = alertDispatcher([emailSink(dryRunSender(), to)], log);
    expect(await alerter.alert(testAlert().alert)).toBe('dry_run');
    expect(await receivedBy(to)).toEqual([]);
    expect(lines.join('\n')).toContain('alert not sent: dry run');
  });

  it('reports not_configured without sinks', async () => {
    expect(await alertDispatcher([], createLogger()).alert(testAlert().alert)).toBe('not_configured');
  });
});

describe('security', () => {
  it('is refused by the receiver when the body was changed on the way', async () => {
    const { alert, marker } = testAlert();
    const { sent, fetcher } = recordingFetch();
    const at = delivery();
    await webhookSink(alertWebhook, fetcher).deliver(alert, at);
    const [request] = sent;
    if (!request) throw new Error('nothing sent');
    const tampered = request.body.replace(marker, `${marker} and wire EUR 5000 to account X`);
    // A fresh delivery id, so only the signature can catch it.
    const forged = { ...request, headers: { ...request.headers, 'x-empire-delivery': crypto.randomUUID() } };
    const answer = await resend(forged, tampered);
    expect(answer.status).toBe(401);
    expect(await refusalsOf(forged.headers['x-empire-delivery'] ?? '')).toEqual(['bad signature']);
    expect(await receivedAlerts('account X')).toEqual([]);
  });

  it('is refused when its timestamp is older than the receiver allows', async () => {
    const { alert } = testAlert();
    const at = delivery();
    const tenMinutesAgo = () => Date.now() - 10 * 60_000;
    await expect(webhookSink(alertWebhook, fetch, tenMinutesAgo).deliver(alert, at)).rejects.toThrow(
      'the alert webhook answered 401',
    );
    expect(await refusalsOf(at.id)).toEqual(['stale timestamp']);
  });

  it('is refused when the same signed delivery comes again', async () => {
    const { alert, marker } = testAlert();
    const { sent, fetcher } = recordingFetch();
    const at = delivery();
    await webhookSink(alertWebhook, fetcher).deliver(alert, at);
    const [request] = sent;
    if (!request) throw new Error('nothing sent');
    expect((await resend(request)).status).toBe(409);
    expect(await refusalsOf(at.id)).toEqual(['replayed delivery']);
    expect(await receivedAlerts(marker)).toHaveLength(1);
  });
});
