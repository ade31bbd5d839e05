// What every chaos scenario boots: a private Postgres and Redis and the product stack over them.
import { onTestFailed } from 'vitest';
import { StackClient } from './client.ts';
import { type PrivatePostgres, startPostgres } from './postgres.ts';
import { type PrivateRedis, startRedis } from './redis.ts';
import { type SecretSetup, startSecretSetup } from './secrets.ts';
import { createStack, type Stack } from './stack.ts';

/** Small knobs so retries and leases play out within a test. */
export const fastKnobs = {
  QUEUE_RETRY_BASE_SECONDS: '1',
  BUDGET_LEASE_TTL_SECONDS: '5',
  // A swarm job not heard from within this is sent again (the queue loses its messages in a crash).
  SWARM_JOB_DEADLINE_MS: '10000',
  // The scenarios poll and send steady traffic as the owner; they test outages, not the limit.
  RATE_LIMIT_REQUESTS: '100000',
};

export interface Scenario {
  postgres?: PrivatePostgres;
  redis?: PrivateRedis;
  /** With `secrets: true`: every secret set to a distinctive value, and the fakes they reach. */
  secrets?: SecretSetup;
  stack: Stack;
  client: StackClient;
  destroy(): Promise<void>;
}

export async function bootScenario(
  options: { embedded?: boolean; vars?: Record<string, string>; secrets?: boolean } = {},
): Promise<Scenario> {
  const postgres = options.embedded ? undefined : await startPostgres();
  const redis = options.embedded ? undefined : await startRedis();
  const secrets = options.secrets ? await startSecretSetup(redis?.url) : undefined;
  const stack = await createStack({
    databaseUrl: postgres?.url,
    redisUrl: redis?.url,
    vars: { ...fastKnobs, ...secrets?.vars, ...options.vars },
  });
  const client = new StackClient(
    () => stack.baseUrl,
    () => stack.key,
  );
  const destroy = async () => {
    await stack.destroy();
    await secrets?.close();
    await redis?.kill();
    await postgres?.destroy();
  };
  try {
    await stack.start();
  } catch (error) {
    await destroy();
    throw error;
  }
  return { postgres, redis, secrets, stack, client, destroy };
}

/** Call first in a test: when it fails, the stack's last log lines are printed beside the failure. */
export function showLogOnFailure(scenario: Scenario): void {
  onTestFailed(async () => {
    console.log(`stack log (${scenario.stack.dir}):\n${await scenario.stack.logTail(80)}`);
  });
}
