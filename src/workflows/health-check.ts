import type { WorkflowDefinition } from './types';

export interface CheckSummary {
  status: string;
  checks: { name: string; status: string; detail?: string }[];
}

/** Hourly: the /api/health checks; a core dependency down fails the run so it shows in history and alerts. */
export const healthCheck: WorkflowDefinition = {
  id: 'health_check',
  title: 'System health check',
  cron: '5 * * * *',
  steps: [
    {
      name: 'checks',
      async run(context) {
        const report = await context.checkHealth();
        const failing = report.checks.filter((check) => check.status === 'down' || check.status === 'degraded');
        if (report.status === 'down') {
          throw new Error(
            `core dependencies down: ${failing.map((check) => `${check.name} (${check.detail ?? 'down'})`).join(', ')}`,
          );
        }
        const output: CheckSummary = {
          status: report.status,
          checks: report.checks.map((check) => ({
            name: check.name,
            status: check.status,
            ...(check.detail && check.status !== 'ok' ? { detail: check.detail } : {}),
          })),
        };
        return { output, note: report.status };
      },
    },
    {
      name: 'alert',
      async run(context, outputs) {
        const summary = outputs.checks as CheckSummary;
        const failing = summary.checks.filter((check) => check.status !== 'ok' && check.status !== 'not_configured');
        if (failing.length === 0) return { output: { alerted: false } };
        context.log.warn('health degraded', { failing: failing.map((check) => check.name) });
        await context.notifyOwner(
          `Health check: ${summary.status}. ${failing.map((check) => `${check.name} is ${check.status}${check.detail ? ` (${check.detail})` : ''}`).join('; ')}.`,
        );
        return { output: { alerted: true } };
      },
    },
  ],
};
