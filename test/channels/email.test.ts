import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createEmailSender, type EmailConfig, EmailSendError } from '../../src/channels/email';
import { ConfigError, parseConfig } from '../../src/config/config';
import { failNext, receivedBy, recipient } from './email-helpers';

const base = { ...env } as unknown as Record<string, unknown>;
const config = (overrides: Partial<EmailConfig> = {}): EmailConfig => ({
  provider: 'resend',
  apiKey: 're_test_key_0123456789',
  from: 'Empire Sales <sales@empire.test>',
  baseUrl: env.FAKE_EMAIL_URL,
  timeoutMs: 5_000,
  publicBaseUrl: 'http://empire.test',
  webhooks: {},
  ...overrides,
});

async function sendError(promise: Promise<unknown>): Promise<EmailSendError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof EmailSendError)) throw new Error(`expected EmailSendError, got ${String(error)}`);
  return error;
}

describe('happy', () => {
  it('sends through Resend in its request shape and returns its id', async () => {
    const to = recipient();
    const result = await createEmailSender(config()).send({
      to,
      subject: 'Fire-alarm audit',
      text: 'Hi Dana',
      html: '<p>Hi Dana</p>',
      replyTo: 'owner@empire.test',
      headers: { 'List-Unsubscribe': '<https://empire.test/u/abc>' },
      tags: { sequence: 'seq 1' },
    });
    const [message, ...rest] = await receivedBy(to);
    expect(rest).toEqual([]);
    expect(result).toEqual({ provider: 'resend', messageId: message?.id, dryRun: false });
    expect(message?.body).toEqual({
      from: 'Empire Sales <sales@empire.test>',
      to: [to],
      subject: 'Fire-alarm audit',
      text: 'Hi Dana',
      html: '<p>Hi Dana</p>',
      reply_to: 'owner@empire.test',
      headers: { 'List-Unsubscribe': '<https://empire.test/u/abc>' },
      tags: [{ name: 'sequence', value: 'seq_1' }],
    });
  });

  it('sends the Idempotency-Key to Resend, so a repeated send is one email', async () => {
    const to = recipient();
    const sender = createEmailSender(config());
    const message = { to, subject: 'Once', text: 'only once', idempotencyKey: `seq/1/${to}` };
    const first = await sender.send(message);
    const second = await sender.send(message);
    expect(second.messageId).toBe(first.messageId);
    const received = await receivedBy(to);
    expect(received).toHaveLength(1);
    expect(received[0]?.idempotencyKey).toBe(`seq/1/${to}`);
  });

  it('sends through SendGrid in its request shape and reads X-Message-Id', async () => {
    const to = recipient();
    const result = await createEmailSender(config({ provider: 'sendgrid', apiKey: 'SG.test_key_0123' })).send({
      to,
      subject: 'Hello',
      text: 'plain',
      html: '<b>rich</b>',
      headers: { 'List-Unsubscribe': '<https://empire.test/u/x>' },
      idempotencyKey: 'k-1',
    });
    const [message] = await receivedBy(to);
    expect(result).toEqual({ provider: 'sendgrid', messageId: message?.id, dryRun: false });
    expect(message?.body).toEqual({
      personalizations: [{ to: [{ email: to }] }],
      from: { email: 'sales@empire.test', name: 'Empire Sales' },
      subject: 'Hello',
      content: [
        { type: 'text/plain', value: 'plain' },
        { type: 'text/html', value: '<b>rich</b>' },
      ],
      headers: { 'List-Unsubscribe': '<https://empire.test/u/x>' },
      custom_args: { idempotency_key: 'k-1' },
    });
  });

  it('is a labelled dry run when no credentials are configured, and sends nothing', async () => {
    const to = recipient();
    const sender = createEmailSender(parseConfig({ ...base, EMAIL_API_KEY: '', EMAIL_PROVIDER: '' }).email);
    expect(sender.provider).toBe('dry-run');
    const result = await sender.send({ to, subject: 's', text: 't' });
    expect(result.dryRun).toBe(true);
    expect(result.messageId).toMatch(/^dry-run:[0-9a-f-]{36}$/);
    expect(await receivedBy(to)).toEqual([]);
  });

  it('reads the provider from the environment', () => {
    const email = parseConfig(base).email;
    expect(email).toMatchObject({ provider: 'resend', from: 'Empire Sales <sales@empire.test>' });
  });
});

describe('errors', () => {
  it('a 429 from Resend is retryable with its retry-after', async () => {
    const to = recipient();
    await failNext(to, 429);
    const error = await sendError(createEmailSender(config()).send({ to, subject: 's', text: 't' }));
    expect(error).toMatchObject({ provider: 'resend', status: 429, code: 'rate_limit_exceeded', retryable: true });
    expect(error.retryAfterSeconds).toBe(1);
    const retried = await createEmailSender(config()).send({ to, subject: 's', text: 't' });
    expect(retried.dryRun).toBe(false);
    expect(await receivedBy(to)).toHaveLength(1);
  });

  it('a 5xx from SendGrid is retryable', async () => {
    const to = recipient();
    await failNext(to, 503);
    const sender = createEmailSender(config({ provider: 'sendgrid' }));
    const error = await sendError(sender.send({ to, subject: 's', text: 't' }));
    expect(error).toMatchObject({ provider: 'sendgrid', status: 503, retryable: true });
  });

  it('a validation error is not retryable and carries the provider message', async () => {
    const to = recipient();
    const resend = await sendError(
      createEmailSender(config({ from: 'not an address' })).send({ to, subject: 's', text: 't' }),
    );
    expect(resend).toMatchObject({ status: 422, code: 'validation_error', retryable: false });
    expect(resend.message).toContain('Invalid `from` field');
    const sendgrid = await sendError(
      createEmailSender(config({ provider: 'sendgrid' })).send({ to, subject: '', text: 't' }),
    );
    expect(sendgrid).toMatchObject({ status: 400, retryable: false });
    expect(sendgrid.message).toMatch(/^subject: The subject is required/);
    expect(await receivedBy(to)).toEqual([]);
  });

  it('a rejected key is not retryable', async () => {
    const error = await sendError(
      createEmailSender(config({ apiKey: 'short' })).send({ to: recipient(), subject: 's', text: 't' }),
    );
    expect(error).toMatchObject({ status: 401, code: 'missing_api_key', retryable: false });
  });

  it('an unreachable provider is a retryable network error', async () => {
    const error = await sendError(
      createEmailSender(config({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 2_000 })).send({
        to: recipient(),
        subject: 's',
        text: 't',
      }),
    );
    expect(error).toMatchObject({ status: 0, code: 'network_error', retryable: true });
  });

  it('a bad EMAIL_FROM or EMAIL_PROVIDER fails config naming the variable', () => {
    for (const [name, value] of [
      ['EMAIL_FROM', 'nobody'],
      ['EMAIL_PROVIDER', 'mailchimp'],
      ['EMAIL_API_URL', 'ftp://x'],
    ] as const) {
      expect(() => parseConfig({ ...base, [name]: value })).toThrow(ConfigError);
      try {
        parseConfig({ ...base, [name]: value });
      } catch (error) {
        expect((error as ConfigError).variables.map((v) => v.name)).toEqual([name]);
      }
    }
  });

  it('the fake answers 422 for a missing from, as Resend does', async () => {
    const response = await fetch(`${env.FAKE_EMAIL_URL}/emails`, {
      method: 'POST',
      headers: { authorization: 'Bearer re_test_key_0123456789', 'content-type': 'application/json' },
      body: JSON.stringify({ to: ['a@example.com'], subject: 's', text: 't' }),
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      statusCode: 422,
      name: 'validation_error',
      message: 'Missing `from` field.',
    });
  });
});

describe('security', () => {
  it('refuses a recipient that is not one address, before anything is sent', async () => {
    for (const to of ['a@example.com, b@example.com', 'a@example.com\r\nBcc: c@example.com', 'nobody']) {
      const error = await sendError(createEmailSender(config()).send({ to, subject: 's', text: 't' }));
      expect(error).toMatchObject({ code: 'invalid_recipient', retryable: false });
    }
  });

  it('never puts the API key in an error', async () => {
    const apiKey = 're_secret_key_should_not_leak';
    const error = await sendError(
      createEmailSender(config({ apiKey, from: 'bad' })).send({ to: recipient(), subject: 's', text: 't' }),
    );
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(apiKey);
  });

  it('a reused Idempotency-Key with a different payload is refused, not sent', async () => {
    const to = recipient();
    const sender = createEmailSender(config());
    await sender.send({ to, subject: 'one', text: 't', idempotencyKey: `k/${to}` });
    const error = await sendError(sender.send({ to, subject: 'two', text: 't', idempotencyKey: `k/${to}` }));
    expect(error).toMatchObject({ status: 409, code: 'invalid_idempotent_request', retryable: false });
    expect(await receivedBy(to)).toHaveLength(1);
  });
});
