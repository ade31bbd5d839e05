import { describe, expect, it } from 'vitest';
import { contractProblem } from '../helpers/contract';
import { workerFetch } from '../helpers/fetch';
import { ownerKey } from '../helpers/keys';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const snapshot = {
  at: '2026-01-01T00:00:00.000Z',
  currency: 'EUR',
  currencyPerUsd: 0.9,
  p1DailyLine: { usdMicros: 1, amount: 0, currency: 'EUR' },
  windows: [],
  runs: [],
  alerts: [],
};

describe('happy', () => {
  it('passes a body that matches its route, and an error in the shared shape', async () => {
    expect(await contractProblem('PUT', '/api/budget', json(snapshot))).toBeUndefined();
    const error = { error: { code: 'not_found', message: 'No such run', requestId: 'r1' } };
    expect(
      await contractProblem('GET', '/api/runs/1b4e28ba-2fa1-41d2-883f-0016d3cca427', json(error, 404)),
    ).toBeUndefined();
  });

  it('sees every answer of workerFetch, which the real routes keep', async () => {
    const response = await workerFetch('/api/budget', { headers: { authorization: `Bearer ${ownerKey}` } });
    expect(response.status).toBe(200);
  });

  it('publishes the schemas as named components', async () => {
    const document = (await (await workerFetch('/openapi.json')).json()) as {
      components: { schemas: Record<string, unknown>; responses: Record<string, unknown> };
    };
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Error', 'Lead', 'RunView']));
    expect(document.components.responses).toHaveProperty('Error404');
  });
});

describe('errors', () => {
  it('catches a field of the wrong type', async () => {
    const problem = await contractProblem('PUT', '/api/budget', json({ ...snapshot, currencyPerUsd: '0.9' }));
    expect(problem).toMatch(/currencyPerUsd/);
  });

  it('catches a missing field and a field the schema does not declare', async () => {
    const { alerts: _alerts, ...missing } = snapshot;
    expect(await contractProblem('PUT', '/api/budget', json(missing))).toMatch(/alerts/);
    expect(await contractProblem('PUT', '/api/budget', json({ ...snapshot, extra: 1 }))).toMatch(/does not declare/);
  });

  it('catches a status the route does not declare, and an error in another shape', async () => {
    expect(await contractProblem('PUT', '/api/budget', json(snapshot, 201))).toMatch(/does not declare/);
    expect(await contractProblem('GET', '/api/brains', json({ message: 'nope' }, 404))).toMatch(/error/);
  });
});
