import { personas } from '../agents/personas';
import { errorMessage } from '../lib/error-message';
import type { LlmRouter } from '../llm/router';
import type { SummaryRequest } from './swarm-types';

export interface FinalizeClient {
  finalize(): Promise<{ status: 'done' | 'reducing'; summary?: SummaryRequest }>;
  complete(result: unknown): Promise<void>;
  fail(error: string): Promise<void>;
}

/** Reduces a run whose jobs have all ended; a summary reducer asks the task's agent to write it. */
export async function finalizeRun(runId: string, run: FinalizeClient, router: LlmRouter): Promise<void> {
  const { summary: request } = await run.finalize();
  if (!request) return;
  try {
    const summary = await router.chat({
      messages: [
        { role: 'system', content: personas[request.agent].system },
        { role: 'user', content: `${request.prompt}\n<data>${request.input}</data>` },
      ],
      maxTokens: request.maxTokens,
      taskClass: request.modelClass,
      scopes: { run: runId, task: request.task, agent: request.agent },
      requestId: `${runId}:summary`,
    });
    await run.complete({ summary: summary.text });
  } catch (error) {
    await run.fail(`summary failed: ${errorMessage(error)}`);
  }
}
