import type { WorkflowDefinition } from './types';

/** Hourly: the /api/health checks; a core dependency down fails the run so it shows in history. */
export const healthCheck: WorkflowDefinition = {
  id: 'health_check',
  title: 'System health check',
  cron: '5 * * * *',
  async run(context) {
    const report = await context.checkHealth();
    const failing = report.checks.filter((check) => check.status === 'down' || check.status === 'degraded');
    const steps = report.checks.map((check) => ({
      name: check.name,
      status: check.status,
      ...(check.detail && check.status !== 'ok' ? { error: check.detail } : {}),
    }));
    if (report.status === 'down') {
      throw new Error(`core dependencies down: ${failing.map((check) => check.name).join(', ')}`);
    }
    if (failing.length > 0) context.log.warn('health degraded', { failing: failing.map((check) => check.name) });
    return { status: 'succeeded', steps, note: report.status };
  },
};
