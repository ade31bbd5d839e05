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
    expect(text).toMatch(/empire_http_requests_total\{route="unmatched",method="GET",status="404"\} \d+/);
    expect(text).not.toContain('route="/*"');
    expect(text).toContain('(per isolate)');
    const check = (await (await fetch(env.PROMTOOL_URL, { method: 'POST', body: text })).json()) as {
      ok: boolean;
      output: string;
    };
    expect(check.output).toBe('');
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
