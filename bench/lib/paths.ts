import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const wranglerConfigPath = fileURLToPath(new URL('../../wrangler.toml', import.meta.url));
export const bareWorkerConfigPath = fileURLToPath(new URL('../fixtures/bare-hono.wrangler.toml', import.meta.url));
export const empireBindingsConfigPath = fileURLToPath(
  new URL('../fixtures/empire-bindings.wrangler.toml', import.meta.url),
);
export const budgetGateConfigPath = fileURLToPath(new URL('../fixtures/budget-gate.wrangler.toml', import.meta.url));
export const benchmarksDocPath = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));
