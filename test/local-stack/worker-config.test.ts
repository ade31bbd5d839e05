import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configProblem, workerVars } from '../../local-stack/worker-config.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('happy', () => {
  it("accepts wrangler.toml's variables as npm start passes them", async () => {
    expect(configProblem(await workerVars(root, {}))).toBeUndefined();
  });

  it('lets a passed value override the file', async () => {
    const vars = await workerVars(root, { MAX_BODY_BYTES: '2048' });
    expect(vars.MAX_BODY_BYTES).toBe('2048');
  });
});

describe('errors', () => {
  it('refuses a routing policy that is not JSON, naming ROUTER_POLICY', async () => {
    const problem = configProblem(await workerVars(root, { ROUTER_POLICY: '{classes:' }));
    expect(problem).toContain('ROUTER_POLICY is not valid JSON');
  });

  it('refuses a routing policy of the wrong shape, naming where inside it', async () => {
    const policy = JSON.stringify({ classes: { simple: [], research: [], strategic: [] } });
    const problem = configProblem(await workerVars(root, { ROUTER_POLICY: policy }));
    expect(problem).toMatch(/ROUTER_POLICY classes\.simple: /);
  });

  it('refuses any other bad variable by name', async () => {
    const problem = configProblem(await workerVars(root, { RATE_LIMIT_REQUESTS: 'many' }));
    expect(problem).toContain('RATE_LIMIT_REQUESTS must be a whole number');
  });
});
