import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger';
import { redact } from '../../src/observability/redact';

describe('security', () => {
  it('masks secret-looking fields and cuts bearer tokens and keys out of text', () => {
    const lines: string[] = [];
    const log = createLogger({}, (line) => lines.push(line));
    log.warn('upstream said no', {
      headers: { Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig', 'x-api-key': 'sk-ant-abcdefghijklmnop' },
      apiKey: 'emp_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
      detail: 'retry with Bearer abc.def.ghi or key emp_abcdefghijklmnopqrstuvwxyz0123 and sk-proj-0123456789abcdef',
      nested: [{ token: 'tg-token', password: 'hunter2', ok: 'visible' }],
    });
    const text = lines.join('\n');
    for (const secret of [
      'eyJhbGciOiJIUzI1NiJ9',
      'sk-ant-abcdefghijklmnop',
      'emp_abcdefghijklmnopqrstuvwxyz0123',
      'abc.def.ghi',
      'sk-proj-0123456789abcdef',
      'tg-token',
      'hunter2',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('visible');
    expect(text).toContain('Bearer [redacted]');
  });

  it('cuts the secret out of a Gumroad ping path, as the access log writes it', () => {
    const lines: string[] = [];
    const log = createLogger({}, (line) => lines.push(line));
    const secret = 'test-gumroad-ping-secret-0123';
    log.info('request', { method: 'POST', path: `/webhooks/gumroad/${secret}`, status: 200 });
    log.warn('ping refused', { url: `https://empire.example/webhooks/gumroad/${secret}?x=1` });
    expect(lines.join('\n')).not.toContain(secret);
    expect(lines[0]).toContain('/webhooks/gumroad/[redacted]');
  });

  it('cuts a bot token out of a Telegram Bot API URL and out of plain text', () => {
    const lines: string[] = [];
    const log = createLogger({}, (line) => lines.push(line));
    const botToken = '7012345678:AAFq3xZt9V_kH2mP-rW8sYc4uJ6nE1oLb0d';
    log.error('telegram reply failed', {
      error: `fetch https://api.telegram.org/bot${botToken}/sendMessage failed`,
      detail: `token was ${botToken}`,
      short: 'http://127.0.0.1:9/bot1:x-y/sendMessage',
    });
    const text = lines.join('\n');
    expect(text).not.toContain(botToken.split(':')[1]);
    expect(text).not.toContain('1:x-y');
    expect(text).toContain('/bot7012345678:[redacted]/sendMessage');
  });

  it('cuts secrets out of query strings and keeps the parameter names and the rest of the URL', () => {
    const lines: string[] = [];
    const log = createLogger({}, (line) => lines.push(line));
    const secrets = ['q-token-0123456789', 'q-key-0123456789', 'q-apikey-0123456789', 'q-upper-0123456789'];
    log.error('upstream failed', {
      error: `fetch http://upstream.example/v1/models?key=${secrets[1]}&alt=sse failed`,
      url: `/metrics?token=${secrets[0]}`,
      retried: [`https://search.example/?q=books&api_key=${secrets[2]}`, `/x?API_KEY=${secrets[3]}#top`],
    });
    const text = lines.join('\n');
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).toContain('?key=[redacted]&alt=sse failed');
    expect(text).toContain('/metrics?token=[redacted]');
    expect(text).toContain('?q=books&api_key=[redacted]');
    expect(text).toContain('?API_KEY=[redacted]#top');
  });

  it('leaves query parameters that only look like secret names readable', () => {
    const plain = '/api/crm/leads?keyword=books&country_code=DE&author=dana&monkey=1';
    expect(redact(plain)).toBe(plain);
    expect(redact('/cb?code=abc&sig=def&state=1')).toBe('/cb?code=[redacted]&sig=[redacted]&state=1');
  });

  it("copies only what it changes and never touches the caller's value", () => {
    const clean = { method: 'POST', path: '/v1/chat/completions', tags: ['a', 'b'], nested: { status: 200 } };
    expect(redact(clean)).toBe(clean);
    const secretive = { path: '/x', nested: { token: 'tg-token', ok: 'visible' }, list: ['plain', 'Bearer abc.def'] };
    const safe = redact(secretive) as typeof secretive;
    expect(safe).toEqual({
      path: '/x',
      nested: { token: '[redacted]', ok: 'visible' },
      list: ['plain', 'Bearer [redacted]'],
    });
    expect(secretive.nested.token).toBe('tg-token');
    expect(secretive.list[1]).toBe('Bearer abc.def');
  });

  it('stops at deep nesting instead of walking forever', () => {
    let deep: Record<string, unknown> = { value: 'x' };
    for (let i = 0; i < 50; i += 1) deep = { inner: deep };
    expect(JSON.stringify(redact(deep))).toContain('[depth]');
  });
});
