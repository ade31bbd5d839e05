import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

describe('happy', () => {
  it.each([
    ['BUDGET', 'BudgetLedger'],
    ['AGENTS', 'BrainAgent'],
    ['SWARM_RUNS', 'SwarmRun'],
  ] as const)('%s answers ping from its SQLite storage', async (binding, className) => {
    const answer = await env[binding].getByName('ping-test').ping();
    expect(answer).toMatchObject({ ok: true, className });
    expect(answer.at).toBeGreaterThan(0);
  });
});
