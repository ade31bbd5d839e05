import { z } from 'zod';
import { defineTool, jsonOutput } from './tool';

/** What the operations tools reach: the budget as the API shows it, and the Reactor. */
export interface OpsPorts {
  budget(): Promise<unknown>;
  /** Starts a Reactor task run (checked against the task's inputs); charged to the run's own budget. */
  startTask(
    task: string,
    inputs: Record<string, unknown>,
    requestedBy: string,
  ): Promise<{ runId: string; total: number }>;
}

const budgetArgs = z.object({}).strict();
const taskArgs = z
  .object({
    task: z
      .string()
      .regex(/^[a-z][a-z0-9_]{1,47}$/)
      .describe('A Reactor task name such as lead_research'),
    inputs: z.record(z.string(), z.unknown()).describe("The task's inputs"),
  })
  .strict();

export function opsTools(ports: OpsPorts, agent: string) {
  return {
    budget_status: defineTool<z.infer<typeof budgetArgs>>({
      name: 'budget_status',
      description: "Today's and this month's LLM spend against each budget cap.",
      args: budgetArgs,
      run: async () => jsonOutput(await ports.budget()),
    }),
    start_task: defineTool<z.infer<typeof taskArgs>>({
      name: 'start_task',
      description: 'Start a Reactor task run (a swarm of jobs with its own budget) and get its run id.',
      args: taskArgs,
      run: async ({ task, inputs }) => jsonOutput(await ports.startTask(task, inputs, `agent:${agent}`)),
    }),
  };
}
