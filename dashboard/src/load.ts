import type { Api } from './api';
import type {
  AlertLine,
  Brain,
  Budget,
  ContentItem,
  EngagementSummary,
  Pipeline,
  Run,
  Spend,
  Task,
  Workflow,
} from './types';

// One function per panel's data, so a live event refetches only what it changed.

export const loadBrains = async (api: Api) => (await api<{ brains: Brain[] }>('/api/brains')).brains;
export const loadBudget = (api: Api) => api<Budget>('/api/budget');
export const loadRuns = async (api: Api) => (await api<{ runs: Run[] }>('/api/runs?limit=10')).runs;
export const loadTasks = async (api: Api) => (await api<{ tasks: Task[] }>('/api/tasks')).tasks;
export const loadPipeline = (api: Api) => api<Pipeline>('/api/crm/pipeline?top=5');
export const loadDrafts = async (api: Api) =>
  (await api<{ items: ContentItem[] }>('/api/content/items?status=draft&limit=20')).items;

export const loadEngagement = (api: Api) => api<EngagementSummary>('/api/content/engagement?groupBy=channel');

export async function loadSpend(api: Api) {
  const query = (groupBy: string) => api<Spend>(`/api/spend?groupBy=${groupBy}`);
  const [byDay, byModel, byProvider] = await Promise.all([query('day'), query('model'), query('provider')]);
  return { byDay: byDay.rows, byModel: byModel.rows, byProvider: byProvider.rows, to: byDay.to };
}

const RECENT_RUNS = 20;

/** Each workflow with its failures among its last 20 runs. */
export async function loadWorkflows(api: Api): Promise<Workflow[]> {
  const { workflows } = await api<{ workflows: Workflow[] }>('/api/workflows');
  return Promise.all(
    workflows.map(async (workflow) => {
      const { runs } = await api<{ runs: { status: string }[] }>(
        `/api/workflows/${workflow.id}/runs?limit=${RECENT_RUNS}`,
      );
      return { ...workflow, failures: runs.filter((run) => run.status === 'failed').length };
    }),
  );
}

export function budgetAlerts(budget: Budget): AlertLine[] {
  return budget.alerts.map((alert) => ({
    at: alert.firedAt,
    text:
      alert.threshold === 'p1'
        ? `P1: spend today passed ${alert.limit.amount.toFixed(2)} ${alert.limit.currency}`
        : `${alert.scope} used ${alert.threshold}% of its ${alert.window} cap`,
  }));
}
