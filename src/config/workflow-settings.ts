import { z } from 'zod';
import type { BackupRetention } from '../backup/retention-rule.ts';
import { timezoneProblem } from '../workflows/schedule.ts';
import { blankIsUnset, defaultedWhole } from './defaulted-whole.ts';

// The workflows' own variables, each with a default so a deployment sets only what it changes.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
export const workflowVariables = {
  WORKFLOW_RETRY_BASE_MS: defaultedWhole(0, 5_000, 500),
  // A step writes its run's heartbeat as it starts, retries and ends; a cron invocation has at
  // most 15 minutes, so a running run silent for 15 minutes has lost whatever ran it.
  WORKFLOW_STALE_AFTER_MS: defaultedWhole(1_000, 7 * 86_400_000, 15 * 60_000),
  WORKFLOW_MAX_RESUMES: defaultedWhole(0, 10, 1),
  // The zone the workflows' schedules are read in: 06:00 stays 06:00 there across daylight saving.
  SCHEDULE_TIMEZONE: z.preprocess(
    blankIsUnset,
    z
      .string()
      .default('UTC')
      .superRefine((zone, context) => {
        const problem = timezoneProblem(zone);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      }),
  ),
  GUMROAD_WEBHOOK_SECRET: optional(z.string().regex(/^[A-Za-z0-9_-]{16,200}$/, 'must be 16-200 of A-Z a-z 0-9 _ -')),
  GUMROAD_SELLER_ID: optional(z.string().min(1).max(200)),
  WORKFLOW_WEBHOOK_KEY: optional(z.string().min(32, 'must be at least 32 characters (openssl rand -hex 32)')),
  HEALTH_SPEND_PAUSE_PERCENT: defaultedWhole(1, 1_000, 100),
  HEALTH_LLM_ERROR_RATE_PERCENT: defaultedWhole(1, 100, 50),
  HEALTH_LLM_MIN_CALLS: defaultedWhole(1, 1_000_000, 20),
  HEALTH_FAILED_RUNS_MAX: defaultedWhole(1, 10_000, 5),
  HEALTH_DEAD_LETTERS_MAX: defaultedWhole(1, 1_000_000, 20),
  HEALTH_CACHE_SCAN_LIMIT: defaultedWhole(0, 100_000, 2_000),
  // Drift between budget and ledger must still be there this long later to be reported.
  HEALTH_DRIFT_GRACE_MS: defaultedWhole(0, 600_000, 5_000),
  // How long history is kept (days): finished workflow runs, finished deferred calls, audit entries.
  RETENTION_RUN_DAYS: defaultedWhole(1, 3_650, 90),
  RETENTION_DEFERRAL_DAYS: defaultedWhole(1, 3_650, 30),
  RETENTION_AUDIT_DAYS: defaultedWhole(1, 3_650, 90),
  // At least 35: the current budget month's calls always stay one row each.
  LEDGER_DETAIL_DAYS: defaultedWhole(35, 3_650, 180),
  BACKUP_POSTGRES_SCHEMA: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case schema name')
      .default('public'),
  ),
  // Backups kept: the newest of each of this many days, ISO weeks and months; the nightly run deletes the rest.
  BACKUP_KEEP_DAILY: defaultedWhole(1, 366, 7),
  BACKUP_KEEP_WEEKLY: defaultedWhole(0, 520, 4),
  BACKUP_KEEP_MONTHLY: defaultedWhole(0, 1_200, 12),
};

const variablesSchema = z.object(workflowVariables);
type Vars = z.output<typeof variablesSchema>;

export interface WorkflowSettings {
  /** First backoff between attempts of a workflow step. */
  retryBaseMs: number;
  /** A running workflow run or deferred call with no progress for this long was interrupted by a crash. */
  staleAfterMs: number;
  /** Times the sweep carries an interrupted run on by itself before failing it and alerting the owner. */
  maxResumes: number;
  /** The IANA time zone the schedules' cron expressions are read in. */
  timezone: string;
  /** Gumroad pings: the secret in the ping URL and the seller they must name; undefined turns the webhook off. */
  gumroad?: { webhookSecret: string; sellerId: string };
  /** Seals the workflows' inbound webhook secrets in D1; undefined turns workflow webhooks off. */
  webhookKey?: string;
  health: HealthThresholds;
  /** The Postgres schema the nightly backup exports. */
  backupPostgresSchema: string;
  backupRetention: BackupRetention;
  retention: RetentionSettings;
}

/** How long history is kept: finished workflow runs, finished deferred calls, audit entries. */
export interface RetentionSettings {
  runDays: number;
  deferralDays: number;
  auditDays: number;
  /** Spend ledger rows older than this are folded into daily sums (`src/budget/ledger-rollup.ts`). */
  ledgerDetailDays: number;
}

/** When the health check (every five minutes) pauses swarms and agents; rates and counts cover the last hour. */
export interface HealthThresholds {
  /** Global LLM spend today, as a percentage of the daily cap. */
  spendPausePercent: number;
  /** Failed LLM calls as a percentage of all calls, once there are at least `llmMinCalls`. */
  llmErrorRatePercent: number;
  llmMinCalls: number;
  failedRunsMax: number;
  deadLettersMax: number;
  /** Response-cache keys inspected per run for poisoned entries (0 turns the audit off). */
  cacheScanLimit: number;
  /** Drift between the budget and the spend ledger counts only if a second reading this much later shows it. */
  driftGraceMs: number;
}

export function workflowSettings(vars: Vars): WorkflowSettings {
  return {
    retryBaseMs: vars.WORKFLOW_RETRY_BASE_MS,
    staleAfterMs: vars.WORKFLOW_STALE_AFTER_MS,
    maxResumes: vars.WORKFLOW_MAX_RESUMES,
    timezone: vars.SCHEDULE_TIMEZONE,
    gumroad:
      vars.GUMROAD_WEBHOOK_SECRET && vars.GUMROAD_SELLER_ID
        ? { webhookSecret: vars.GUMROAD_WEBHOOK_SECRET, sellerId: vars.GUMROAD_SELLER_ID }
        : undefined,
    webhookKey: vars.WORKFLOW_WEBHOOK_KEY,
    health: {
      spendPausePercent: vars.HEALTH_SPEND_PAUSE_PERCENT,
      llmErrorRatePercent: vars.HEALTH_LLM_ERROR_RATE_PERCENT,
      llmMinCalls: vars.HEALTH_LLM_MIN_CALLS,
      failedRunsMax: vars.HEALTH_FAILED_RUNS_MAX,
      deadLettersMax: vars.HEALTH_DEAD_LETTERS_MAX,
      cacheScanLimit: vars.HEALTH_CACHE_SCAN_LIMIT,
      driftGraceMs: vars.HEALTH_DRIFT_GRACE_MS,
    },
    backupPostgresSchema: vars.BACKUP_POSTGRES_SCHEMA,
    backupRetention: {
      daily: vars.BACKUP_KEEP_DAILY,
      weekly: vars.BACKUP_KEEP_WEEKLY,
      monthly: vars.BACKUP_KEEP_MONTHLY,
    },
    retention: {
      runDays: vars.RETENTION_RUN_DAYS,
      deferralDays: vars.RETENTION_DEFERRAL_DAYS,
      auditDays: vars.RETENTION_AUDIT_DAYS,
      ledgerDetailDays: vars.LEDGER_DETAIL_DAYS,
    },
  };
}
