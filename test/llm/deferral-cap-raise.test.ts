import { describe, expect, it } from 'vitest';
import { checkedFetch } from '../helpers/fetch';
import { uniqueMarker, upstreamRequests } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';

const request = (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
  checkedFetch(
    new Request(`http://empire.test${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json', ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
  );

const setAgentCap = (agent: string, usd: number) =>
  request('/api/budget', {
    method: 'PUT',
    body: { caps: [{ scope: `agent:${agent}`, window: 'day', amount: usd, currency: 'USD' }] },
  });

describe('happy', () => {
  it('runs a call its cap refused once the owner raises that cap, not at the end of the window', async () => {
    const agent = uniqueMarker('capped');
    expect((await setAgentCap(agent, 0.0001)).status).toBe(200);
    const refused = await request('/v1/chat/completions', {
      method: 'POST',
      headers: { 'x-empire-agent': agent },
      body: { model: 'moonshot/kimi-k2.5', messages: [{ role: 'user', content: `${agent} waits` }], max_tokens: 200 },
    });
    expect(refused.status).toBe(402);
    const { error } = (await refused.json()) as { error: { details: { deferralId: string } } };
    const deferralId = error.details.deferralId;
    expect(await upstreamRequests(agent)).toHaveLength(0);

    expect((await setAgentCap(agent, 10)).status).toBe(200);
    let deferral = { status: 'waiting' };
    for (let wait = 0; wait < 60 && deferral.status !== 'done'; wait += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      deferral = (await (await request(`/api/deferrals/${deferralId}`)).json()) as { status: string };
    }
    expect(deferral).toMatchObject({ status: 'done', attempts: 1 });
    expect(await upstreamRequests(agent)).toHaveLength(1);
  });
});
