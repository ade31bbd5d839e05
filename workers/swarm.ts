import { swarmRunObject } from '../durable-objects/clients';
import type { FinalizeClient } from '../src/reactor/finalize-run';
import type { SwarmRunClient } from '../src/reactor/swarm-consumer';

/** A swarm run's Durable Object as the consumers use it. */
export function swarmRun(env: Env, runId: string): SwarmRunClient & FinalizeClient {
  const stub = swarmRunObject(env, runId);
  return {
    claim: (jobs) => stub.claim(jobs),
    report: (reports) => stub.report(reports),
    cancel: () => stub.cancel(),
    finalize: () => stub.finalize(),
    complete: (result) => stub.complete(result),
    fail: (error) => stub.fail(error),
  };
}
