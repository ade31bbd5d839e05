import { env } from 'cloudflare:workers';
import type { AlertRefusal, ReceivedAlert } from '../../local-stack/services/fake-alert-receiver';
import type { Alert } from '../../src/channels/alerts/alert';
import { uniqueMarker } from '../helpers/gateway';
import { ALERT_WEBHOOK_SECRET } from '../setup/alert-webhook';

/** The receiver in test/setup/global-setup.ts, with the secret it checks signatures with. */
export const alertWebhook = { url: env.FAKE_ALERTS_URL, secret: ALERT_WEBHOOK_SECRET };

const admin = (path: string) => env.FAKE_ALERTS_URL.replace(/\/alerts$/, `/__fake/${path}`);

/** Alerts the receiver accepted (signature, timestamp and delivery id checked) whose body holds `marker`. */
export async function receivedAlerts(marker: string): Promise<ReceivedAlert[]> {
  const alerts = (await (await fetch(admin('alerts'))).json()) as ReceivedAlert[];
  return alerts.filter((alert) => JSON.stringify(alert.body).includes(marker));
}

export async function refusalsOf(deliveryId: string): Promise<AlertRefusal['reason'][]> {
  const refusals = (await (await fetch(admin('refusals'))).json()) as AlertRefusal[];
  return refusals.filter((refusal) => refusal.deliveryId === deliveryId).map((refusal) => refusal.reason);
}

/** Polls until `find` returns something non-empty, for deliveries made in the background. */
export async function eventually<T>(find: () => Promise<T[]>, tries = 50): Promise<T[]> {
  for (let attempt = 1; ; attempt += 1) {
    const found = await find();
    if (found.length > 0 || attempt >= tries) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function testAlert(): { alert: Alert; marker: string } {
  const marker = uniqueMarker('alert');
  return {
    marker,
    alert: { kind: 'health', severity: 'page', title: `Health degraded ${marker}`, text: `Health check: ${marker}` },
  };
}

export interface SentRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A fetch that keeps a copy of each request it sends, so a test can replay or tamper with one. */
export function recordingFetch(): { sent: SentRequest[]; fetcher: typeof fetch } {
  const sent: SentRequest[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    sent.push({ url: request.url, headers: Object.fromEntries(request.headers), body: await request.clone().text() });
    return fetch(request);
  };
  return { sent, fetcher };
}

export const resend = (request: SentRequest, body = request.body) =>
  fetch(request.url, { method: 'POST', headers: request.headers, body });
