import type { HealthReport } from '../observability/health';
import type { Logger } from '../observability/logger';

export type WorkflowTrigger = 'cron' | 'manual' | 'retry';

/** What a workflow may use; the Worker supplies each member. */
export interface WorkflowContext {
  runId: string;
  trigger: WorkflowTrigger;
  /** The schedule tick (epoch ms) this run belongs to. */
  tick: number;
  log: Logger;
  checkHealth(): Promise<HealthReport>;
}

export interface WorkflowResult {
  status: 'succeeded' | 'skipped';
  costMicros?: number;
  note?: string;
  steps?: { name: string; status: string; error?: string }[];
}

export interface WorkflowDefinition {
  id: string;
  title: string;
  /** Cron expression, UTC; must match one entry of wrangler.toml's [triggers] crons. */
  cron: string;
  run(context: WorkflowContext): Promise<WorkflowResult>;
}
