import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/config';

const base = { ...env } as unknown as Record<string, unknown>;
const blank = {
  WORKFLOW_RETRY_BASE_MS: '',
  WORKFLOW_STALE_AFTER_MS: '',
  WORKFLOW_MAX_RESUMES: '',
  HEALTH_SPEND_PAUSE_PERCENT: '',
  HEALTH_LLM_ERROR_RATE_PERCENT: '',
  HEALTH_LLM_MIN_CALLS: '',
  HEALTH_FAILED_RUNS_MAX: '',
  HEALTH_DEAD_LETTERS_MAX: '',
  HEALTH_CACHE_SCAN_LIMIT: '',
  HEALTH_DRIFT_GRACE_MS: '',
  BACKUP_POSTGRES_SCHEMA: '',
  BACKUP_KEEP_DAILY: '',
  BACKUP_KEEP_WEEKLY: '',
  BACKUP_KEEP_MONTHLY: '',
  LEDGER_DETAIL_DAYS: '',
  GUMROAD_WEBHOOK_SECRET: '',
  WORKFLOW_WEBHOOK_KEY: '',
};

describe('happy', () => {
  it('takes the defaults for blank workflow variables, as .dev.vars.example leaves them', () => {
    const config = parseConfig({ ...base, ...blank });
    expect(config.workflows).toEqual({
      retryBaseMs: 500,
      staleAfterMs: 900_000,
      maxResumes: 1,
      timezone: 'UTC',
      gumroad: undefined,
      webhookKey: undefined,
      health: {
        spendPausePercent: 100,
        llmErrorRatePercent: 50,
        llmMinCalls: 20,
        failedRunsMax: 5,
        deadLettersMax: 20,
        cacheScanLimit: 2_000,
        driftGraceMs: 5_000,
      },
      backupPostgresSchema: 'public',
      backupRetention: { daily: 7, weekly: 4, monthly: 12 },
      retention: { runDays: 90, deferralDays: 30, auditDays: 90, ledgerDetailDays: 180 },
    });
  });
});

describe('errors', () => {
  it.each([
    ['HEALTH_SPEND_PAUSE_PERCENT', '0'],
    ['HEALTH_LLM_ERROR_RATE_PERCENT', '101'],
    ['WORKFLOW_RETRY_BASE_MS', 'soon'],
    ['WORKFLOW_STALE_AFTER_MS', '10'],
    ['WORKFLOW_MAX_RESUMES', '-1'],
    ['BACKUP_POSTGRES_SCHEMA', 'Public; drop'],
    ['BACKUP_KEEP_DAILY', '0'],
    ['BACKUP_KEEP_MONTHLY', 'forever'],
    ['LEDGER_DETAIL_DAYS', '30'],
    ['LEDGER_DETAIL_DAYS', 'forever'],
    ['GUMROAD_WEBHOOK_SECRET', 'short'],
    ['WORKFLOW_WEBHOOK_KEY', 'only-31-characters-long-0123456'],
    ['SCHEDULE_TIMEZONE', 'Mars/Olympus_Mons'],
  ])('names %s when it is %s', (name, value) => {
    expect(() => parseConfig({ ...base, [name]: value })).toThrow(ConfigError);
    try {
      parseConfig({ ...base, [name]: value });
    } catch (error) {
      expect((error as ConfigError).variables.map((variable) => variable.name)).toContain(name);
    }
  });
});
