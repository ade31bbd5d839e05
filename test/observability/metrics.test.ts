import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { postAction, waitForAction } from '../helpers/actions';
import { workerFetch } from '../helpers/fetch';
import { createKey, ownerKey } from '../helpers/keys';

const scrape = (token?: string) =>
  workerFetch('/metrics', token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('happy', () => {
  it('exposes global and per-isolate figures that pass promtool check metrics', async () => {
    const { id } = (await (await postAction({ action: 'ask', agent: 'numbers', input: 'weekly revenue?' })).json()) as {
      id: string;
    };
    await waitForAction(id);
    await workerFetch('/api/health');
    await workerFetch('/api/no-such-route');
    await workerFetch(`/api/runs/${crypto.randomUUID()}`, { headers: { authorization: `Bearer ${ownerKey}` } });
    const response = await scrape('test-scrape-token-0123456789abcdef');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await response.text();
    for (const family of [
      'empire_http_requests_total',
      'empire_http_request_duration_seconds',
      'empire_llm_calls_total',
      'empire_llm_cost_micros_total',
      'empire_budget_spent_micros',
      'empire_budget_remaining_micros',
      'empire_agent_status',
      'empire_workflow_runs_total',
      'empire_swarm_runs',
      'empire_rate_limited_total',
    ]) {
      expect(text, family).toContain(`# TYPE ${family} `);
    }
    expect(text).toMatch(/empire_agent_status\{agent="numbers",status="idle"\} 1/);
    expect(text).toContain('route="/api/health"');
    // Patterns, not paths: an id makes no series of its own, and an unknown path is one series.
    expect(text).toContain('route="/api/runs/:id"');
    expect(text).toMatch(
      /empire_http_requests_total\{isolate="[0-9a-f]{8}",route="unmatched",method="GET",status="404"\} \d+/,
    );
    expect(text).not.toContain('route="/*"');
    expect(text).toContain('# HELP empire_http_requests_total HTTP requests by route, method and status (per isolate:');
    expect(text).toContain('never global totals');
    // One isolate answered this scrape: every per-isolate sample names it, and the same one.
    const perIsolate = text.split('\n').filter((line) => /^empire_(http_|rate_limited)/.test(line));
    const isolates = new Set(perIsolate.map((line) => /isolate="([0-9a-f]{8})"/.exec(line)?.[1]));
    expect(perIsolate.length).toBeGreaterThan(0);
    expect([...isolates]).toEqual([expect.stringMatching(/^[0-9a-f]{8}$/)]);
    const check = (await (await fetch(env.PROMTOOL_URL, { method: 'POST', body: text })).json()) as {
      ok: boolean;
      output: string;
    };
    expect(check.output).toBe('');
    expect(check.ok).toBe(true);
  });
});

describe('business figures', () => {
  const owner = { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' };
  const post = (path: string, body: unknown) =>
    workerFetch(path, { method: 'POST', headers: owner, body: JSON.stringify(body) });
  const order = (amount: number) => ({
    orderId: `FO${crypto.randomUUID().slice(0, 12)}`,
    amount,
    currency: 'EUR',
    product: 'Fire-alarm plan review',
    at: '2026-09-10T12:00:00Z',
  });

  it('counts leads by status, sales and revenue by shop, and content by channel, read from D1', async () => {
    const lead = { name: 'Dana Metrics', email: `dana-${crypto.randomUUID().slice(0, 8)}@example.com` };
    expect((await post('/api/crm/leads', lead)).status).toBe(201);
    expect((await post('/api/revenue/fiverr', order(150.5))).status).toBe(201);
    expect((await post('/api/revenue/fiverr', order(49.5))).status).toBe(201);
    expect((await post('/api/revenue/consulting', order(1200))).status).toBe(201);
    const text = await (await scrape('test-scrape-token-0123456789abcdef')).text();
    // This file has storage of its own: these are all the leads and sales there are.
    expect(text).toContain('empire_leads{status="new"} 1\n');
    expect(text).toContain('empire_sales{source="fiverr",status="paid",currency="EUR"} 2\n');
    expect(text).toContain('empire_sales{source="consulting",status="paid",currency="EUR"} 1\n');
    expect(text).toContain('empire_revenue_micros{source="fiverr",currency="EUR"} 200000000\n');
    expect(text).toContain('empire_revenue_micros{source="consulting",currency="EUR"} 1200000000\n');
    expect(text).toContain('# TYPE empire_content_items gauge');
    expect(text).not.toMatch(/^empire_leads\{[^}]*isolate=/m);
    const check = (await (await fetch(env.PROMTOOL_URL, { method: 'POST', body: text })).json()) as { ok: boolean };
    expect(check.ok).toBe(true);
  });
});

describe('security', () => {
  it('needs the scrape token or an owner credential', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape('wrong-token-wrong-token-wrong')).status).toBe(401);
    expect((await scrape(await createKey('operator'))).status).toBe(403);
    expect((await scrape(ownerKey)).status).toBe(200);
  });
});
