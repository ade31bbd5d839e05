import type { Api } from './api';
import type { CapChange } from './panels/cap-form';
import type { ActionView, ContentDecision, Lead } from './types';

// The owner's actions, each one existing API route; panels call these and show the outcome.

type RunOutcome = { run: { id: string; status: string } | null };

const ASK_POLL_MS = 1_000;
const ASK_WAIT_MS = 120_000;

export function ownerActions(api: Api) {
  return {
    decide: async (decision: 'approve' | 'reject', ids: string[]) =>
      (await api<{ results: ContentDecision[] }>(`/api/content/${decision}`, { method: 'POST', body: { ids } }))
        .results,

    /** Queues the question, then follows the action until it has an answer. */
    async ask(agent: string, question: string): Promise<string> {
      const queued = await api<{ id: string }>('/api/action', {
        method: 'POST',
        body: { action: 'ask', agent, input: question },
      });
      const deadline = Date.now() + ASK_WAIT_MS;
      while (Date.now() < deadline) {
        const action = await api<ActionView>(`/api/actions/${queued.id}`);
        if (action.status === 'done') return action.result ?? '';
        if (action.status === 'failed') throw new Error(action.error ?? 'The action failed');
        await new Promise((resolve) => setTimeout(resolve, ASK_POLL_MS));
      }
      throw new Error(`Still waiting (over budget or busy); see /api/actions/${queued.id}`);
    },

    setCap: async (change: CapChange) => {
      await api('/api/budget', { method: 'PUT', body: { caps: [{ ...change, currency: 'budget' }] } });
    },

    lead: (id: string) => api<Lead>(`/api/crm/leads/${id}`),
    saveLead: (id: string, patch: Record<string, unknown>) =>
      api<Lead>(`/api/crm/leads/${id}`, { method: 'PUT', body: patch }),

    async runWorkflow(workflow: string, input?: Record<string, unknown>): Promise<string> {
      const outcome = await api<RunOutcome>(`/api/workflows/${workflow}/run`, {
        method: 'POST',
        ...(input ? { body: { input } } : {}),
      });
      return `Started ${workflow}: run ${outcome.run?.id.slice(0, 8) ?? '?'} ${outcome.run?.status ?? ''}`.trim();
    },
    async retryRun(runId: string): Promise<string> {
      const outcome = await api<RunOutcome>(`/api/workflows/runs/${runId}/retry`, { method: 'POST' });
      return `Retrying: run ${outcome.run?.id.slice(0, 8) ?? '?'} ${outcome.run?.status ?? ''}`.trim();
    },
  };
}
