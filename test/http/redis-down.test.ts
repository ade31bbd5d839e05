import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { commentPayload, commentsOn, freshIssue, signature } from '../channels/github-helpers';
import { commandUpdate, repliesTo, TELEGRAM_SECRET } from '../channels/telegram-helpers';
import { createKey, ownerKey } from '../helpers/keys';
import { bearer, call, DEAD_REDIS, envWith } from './rate-limit-helpers';

// Redis gone: every call to it fails at once (nothing listens on the port).
const down = envWith({ UPSTASH_REDIS_REST_URL: DEAD_REDIS });
const up = envWith({});

const telegram = (bindings: object, update: unknown) =>
  call(bindings, '/telegram/webhook', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET },
    body: JSON.stringify(update),
  });

async function github(bindings: object, body: string, delivery: string) {
  return call(bindings, '/webhooks/github', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'issue_comment',
      'x-github-delivery': delivery,
      'x-hub-signature-256': await signature(body),
    },
    body,
  });
}

async function claimed(key: string): Promise<boolean> {
  const row = await env.DB.prepare('select key from webhook_claims where key = ?').bind(key).first();
  return row !== null;
}

describe('errors', () => {
  it('keeps serving authenticated calls with the per-isolate limiter: no 500, the limit still held', async () => {
    const key = await createKey('readonly');
    const limited = envWith({ UPSTASH_REDIS_REST_URL: DEAD_REDIS, RATE_LIMIT_REQUESTS: '5' });
    const answers = [];
    for (let i = 0; i < 7; i += 1) answers.push(await call(limited, '/api/brains', { headers: bearer(key) }));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(answers.map((answer) => answer.remaining).slice(0, 5)).toEqual([4, 3, 2, 1, 0]);
  });

  it('shows the outage: degraded health naming the fallbacks, and metrics counting them', async () => {
    await call(down, '/api/brains', { headers: bearer(ownerKey) });
    const health = await call(down, '/api/health');
    const report = health.body as { status: string; checks: { name: string; status: string; detail?: string }[] };
    expect(health.status).toBe(200);
    expect(report.status).toBe('degraded');
    const redis = report.checks.find((check) => check.name === 'redis');
    expect(redis?.status).toBe('down');
    expect(redis?.detail).toContain('rate limits per isolate, webhook de-duplication in D1, no response cache');
    const metrics = await call(down, '/metrics', { headers: bearer(env.METRICS_SCRAPE_TOKEN) });
    expect(metrics.body).toMatch(/empire_dependency_down\{isolate="[0-9a-f]{8}",dependency="redis"\} 1/);
    expect(metrics.body).toMatch(
      /empire_fallbacks_total\{isolate="[0-9a-f]{8}",dependency="redis",use="rate_limit"\} [1-9]/,
    );
  });

  it('runs a Telegram update once while Redis is down, its claim kept in D1', async () => {
    const { update, messageId } = commandUpdate('/status');
    const answers = await Promise.all([telegram(down, update), telegram(down, update)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect((await telegram(down, update)).status).toBe(200);
    expect(await repliesTo(messageId)).toHaveLength(1);
    expect(await claimed(`telegram:7012345678:update:${update.update_id}`)).toBe(true);
    // Redis is back: the claim taken during the outage still holds.
    expect((await telegram(up, update)).status).toBe(200);
    expect(await repliesTo(messageId)).toHaveLength(1);
  });

  it('runs a GitHub delivery once while Redis is down, and still once after Redis is back', async () => {
    const issue = freshIssue();
    const body = JSON.stringify(commentPayload('/empire status', issue));
    const delivery = crypto.randomUUID();
    const answers = await Promise.all([github(down, body, delivery), github(down, body, delivery)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([202, 409]);
    expect((await github(down, body, delivery)).status).toBe(409);
    expect(await claimed(`github:delivery:${delivery}`)).toBe(true);
    expect((await github(up, body, delivery)).status).toBe(409);
    expect(await commentsOn(issue)).toHaveLength(1);
  });

  it('answers a cacheable LLM call while Redis is down, from the provider', async () => {
    const request = {
      model: 'auto:simple',
      temperature: 0,
      messages: [{ role: 'user', content: `cache probe ${crypto.randomUUID()}` }],
    };
    for (let i = 0; i < 2; i += 1) {
      const answer = await call(down, '/v1/chat/completions', {
        method: 'POST',
        headers: { ...bearer(ownerKey), 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      expect(answer.status).toBe(200);
    }
  });
});
