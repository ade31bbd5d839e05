// GET /api/health as a benchmark precondition: figures taken while a dependency is failing
// would measure timeouts, not the Worker.
import { z } from 'zod';
import { median } from './format.ts';

const healthSchema = z.object({
  status: z.string(),
  checks: z.array(z.object({ name: z.string(), status: z.string(), latencyMs: z.number() })),
});

export type HealthReport = z.infer<typeof healthSchema>;

export async function fetchHealth(origin: string): Promise<HealthReport> {
  const response = await fetch(`${origin}/api/health`);
  return healthSchema.parse(await response.json());
}

/** Throws unless every configured dependency answered ok; returns the checks that ran. */
export async function requireHealthy(origin: string): Promise<HealthReport['checks']> {
  const report = await fetchHealth(origin);
  const failing = report.checks.filter((check) => check.status !== 'ok' && check.status !== 'not_configured');
  if (report.status !== 'ok' || failing.length > 0) {
    throw new Error(`the Worker is not healthy, refusing to measure it: ${JSON.stringify(report)}`);
  }
  return report.checks.filter((check) => check.status === 'ok');
}

/** Median latency the Worker itself reports per check, over `samples` sequential requests. */
export async function checkLatencies(origin: string, samples: number): Promise<Map<string, number>> {
  const byCheck = new Map<string, number[]>();
  for (let i = 0; i < samples; i++) {
    for (const check of (await fetchHealth(origin)).checks) {
      if (check.status !== 'ok') continue;
      byCheck.set(check.name, [...(byCheck.get(check.name) ?? []), check.latencyMs]);
    }
  }
  return new Map([...byCheck].map(([name, values]) => [name, median(values)]));
}
