// The benchmark's swarm task: the echo probe of test/reactor/swarm.test.ts, one model call per job,
// with its fan-out limits raised to the benchmark's size. The `nonce` input makes every run's
// prompts new, so a response cached by an earlier run (Redis keeps them) can never answer for the model.

export const TASK_NAME = 'swarm_bench_probe';
export const MAX_JOBS = 100_000;
// The task's dollar cap stays out of the way: refusals would measure waiting, not throughput.
export const MAX_RUN_USD = 10_000;

export function probeTaskYaml(maxInFlight: number): string {
  return `name: ${TASK_NAME}
description: Echo each item back as JSON, for the swarm benchmark.
agent: numbers
model_class: research
inputs:
  nonce: { type: string, maxLength: 40 }
  items: { type: list, items: { type: string }, max: ${MAX_JOBS} }
prompts:
  system: Return the item.
steps:
  - name: echo
    prompt: "Item {{item}} of run {{nonce}}"
    max_tokens: 64
output:
  schema: { type: object, fields: { value: { type: string } } }
  example: { value: ok }
fanout: { over: items, max: ${MAX_JOBS} }
reduce: { kind: concat }
budget: { max_run_usd: ${MAX_RUN_USD} }
max_in_flight: ${maxInFlight}
`;
}

/** Inputs for `jobs` jobs; items are bare numbers so that 100,000 of them fit the API's body limit. */
export function probeInputs(jobs: number): { nonce: string; items: string[] } {
  return { nonce: Date.now().toString(36), items: Array.from({ length: jobs }, (_, n) => String(n)) };
}
