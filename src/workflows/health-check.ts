import { auditOutboxStatus, drainAuditOutbox } from '../audit/audit-outbox';
import { d1IdempotencyStore } from '../idempotency/store';
import { type CacheAudit, clearPoisonedEntries } from '../llm/cache-audit';
import { type BooksFindings, booksLines, booksStep } from './books-check';
import { reportFingerprint, sentRecently } from './health-report-repeat';
import { readSignals, type Signals, signalsLine, tripped } from './health-signals';
import { pruneHistory } from './retention';
import type { WorkflowDefinition } from './types';

export interface CheckSummary {
  status: string;
  checks: { name: string; status: string; detail?: string }[];
}

interface Remedies {
  pausedRuns: string[];
  pausedAgents: string[];
  cache: CacheAudit | null;
}

function reportText(tick: number, summary: CheckSummary, signals: Signals, trips: string[], remedies: Remedies) {
  const failing = summary.checks.filter((check) => check.status !== 'ok' && check.status !== 'not_configured');
  const at = new Date(tick).toISOString().slice(0, 16).replace('T', ' ');
  const lines = [`Health check ${at} UTC: ${trips.length > 0 ? 'thresholds tripped' : summary.status}.`];
  for (const check of failing)
    lines.push(`- ${check.name} is ${check.status}${check.detail ? ` (${check.detail})` : ''}`);
  lines.push(signalsLine(signals));
  if (trips.length > 0) {
    lines.push('Tripped:', ...trips.map((trip) => `- ${trip}`), 'Done:');
    lines.push(
      remedies.pausedRuns.length > 0
        ? `- cancelled the pending jobs of ${remedies.pausedRuns.length} swarm runs: ${remedies.pausedRuns.join(', ')}`
        : '- no swarm run was running',
      remedies.pausedAgents.length > 0
        ? `- paused agents: ${remedies.pausedAgents.join(', ')} (resume with /resume <agent> or POST /api/action)`
        : '- every agent was already paused',
    );
  }
  const cleared = remedies.cache?.cleared ?? [];
  if (cleared.length > 0) {
    lines.push(`Cleared ${cleared.length} poisoned LLM cache entries:`);
    for (const entry of cleared.slice(0, 10)) lines.push(`- ${entry.key}: ${entry.reason}`);
  }
  return lines.join('\n');
}

/** One line for the alert's title: the gravest finding. */
function reportTitle(summary: CheckSummary, trips: string[], books: string[]): string {
  if (trips.length > 0) return 'Health thresholds tripped: swarm runs and agents paused';
  const failing = summary.checks.filter((check) => check.status !== 'ok' && check.status !== 'not_configured');
  if (failing.length > 0) return `Health ${summary.status}: ${failing.map((check) => check.name).join(', ')}`;
  if (books.length > 0) return 'Budget and spend ledger need a look';
  return 'Health check: poisoned cache entries cleared';
}

/** Batches of expired idempotency records dropped per run; more than a busy hour makes. */
const PRUNE_BATCH = 1_000;
const PRUNE_MAX_BATCHES = 20;

/**
 * Every five minutes: the /api/health checks, then error rate and spend. Past a threshold it pauses the
 * swarm runs and the agents; poisoned cache entries are cleared every run; every alert sink is
 * told what was found and exactly what was done. A core dependency down fails the run (and alerts).
 * The books step compares the budget with the spend ledger and reports drift that stays.
 * Last, idempotency records past their day are dropped, and history past its retention
 * (`RETENTION_*_DAYS`: finished runs, finished deferrals, audit entries).
 */
export const healthCheck: WorkflowDefinition = {
  id: 'health_check',
  title: 'System health check',
  cron: '*/5 * * * *',
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
      name: 'signals',
      async run(context) {
        const signals = await readSignals(context, context.health, Date.now());
        const trips = tripped(signals, context.health.thresholds);
        return { output: { signals, trips }, note: trips.length > 0 ? `${trips.length} tripped` : 'within limits' };
      },
    },
    {
      name: 'remediate',
      async run(context, outputs) {
        const { trips } = outputs.signals as { trips: string[] };
        const remedies: Remedies = { pausedRuns: [], pausedAgents: [], cache: null };
        if (trips.length > 0) {
          remedies.pausedRuns = await context.health.pauseSwarmRuns();
          remedies.pausedAgents = await context.health.pauseAgents();
          context.log.warn('health thresholds tripped: paused', { trips, ...remedies });
        }
        const cache = context.health.responseCache;
        const limit = context.health.thresholds.cacheScanLimit;
        if (cache && limit > 0) {
          const audit = await clearPoisonedEntries(cache, limit);
          remedies.cache = { ...audit, cleared: audit.cleared.slice(0, 50) };
        }
        return { output: remedies };
      },
    },
    booksStep,
    {
      name: 'report',
      async run(context, outputs) {
        const summary = outputs.checks as CheckSummary;
        const { signals, trips } = outputs.signals as { signals: Signals; trips: string[] };
        const remedies = outputs.remediate as Remedies;
        const books = booksLines(outputs.books as BooksFindings | undefined);
        const acted =
          remedies.pausedRuns.length > 0 ||
          remedies.pausedAgents.length > 0 ||
          (remedies.cache?.cleared.length ?? 0) > 0;
        const worth = summary.status !== 'ok' || trips.length > 0 || acted || books.length > 0;
        if (!worth) return { output: { delivery: 'not_needed' } };
        const failing = summary.checks.filter((check) => check.status !== 'ok').map((c) => `${c.name}:${c.status}`);
        const fingerprint = reportFingerprint({ failing, trips, books });
        // Every five minutes an unchanged outage would be a message each time: once an hour is enough.
        if (!acted && (await sentRecently(context.d1, fingerprint, context.tick)))
          return {
            output: { delivery: 'repeat', fingerprint },
            note: 'same findings as a report of the last hour',
          };
        const report = [reportText(context.tick, summary, signals, trips, remedies), ...books].join('\n');
        // Drift, keys due for rotation and remedies taken all ride in this one report.
        const delivery = await context.alert({
          kind: 'health',
          severity: trips.length > 0 || books.length > 0 ? 'page' : 'warn',
          title: reportTitle(summary, trips, books),
          text: report,
        });
        if (trips.length > 0)
          await context.remember({ text: report, kind: 'pattern', tags: ['health', 'remediation'] });
        return { output: { delivery, fingerprint } };
      },
    },
    {
      name: 'replay',
      async run(context) {
        // Audit entries are kept in D1 until Postgres has them; any the queue did not carry are carried now.
        const postgres = context.health.auditLog();
        if (!postgres) return { output: { auditEntries: 0 }, note: 'no audit log' };
        const auditEntries = await drainAuditOutbox(context.d1, postgres);
        const waiting = await auditOutboxStatus(context.d1);
        const oldest = waiting.oldestPendingAt === null ? null : new Date(waiting.oldestPendingAt).toISOString();
        return {
          output: { auditEntries, waiting: waiting.pendingEntries, oldestWaitingAt: oldest },
          note: `${auditEntries} carried, ${waiting.pendingEntries} waiting`,
        };
      },
    },
    {
      name: 'prune',
      async run(context) {
        // A claim past its day is free again whether or not its row is gone; this only keeps D1 small.
        const store = d1IdempotencyStore(context.d1);
        const now = Date.now();
        let dropped = 0;
        for (let batch = 0; batch < PRUNE_MAX_BATCHES; batch += 1) {
          const gone = await store.purgeExpired(now, PRUNE_BATCH);
          dropped += gone;
          if (gone < PRUNE_BATCH) break;
        }
        const history = await pruneHistory(context.d1, context.health.auditLog(), context.health.retention, now);
        return { output: { idempotencyKeysDropped: dropped, ...history } };
      },
    },
  ],
};
