import { env } from 'cloudflare:workers';

export interface RecordedEmail {
  provider: 'resend' | 'sendgrid';
  id: string;
  to: string[];
  body: Record<string, unknown>;
  idempotencyKey?: string;
}

/** Messages the fake email server accepted for one recipient. */
export async function receivedBy(to: string): Promise<RecordedEmail[]> {
  const response = await fetch(`${env.FAKE_EMAIL_URL}/__fake/messages?to=${encodeURIComponent(to)}`);
  return (await response.json()) as RecordedEmail[];
}

/** The next `times` sends to `to` answer `status`. */
export async function failNext(to: string, status: number, times = 1): Promise<void> {
  await fetch(`${env.FAKE_EMAIL_URL}/__fake/fail`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to, status, times }),
  });
}

export const recipient = (label = 'to') => `${label}-${crypto.randomUUID().slice(0, 8)}@example.com`;
