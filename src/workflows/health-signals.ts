import { and, count, eq, gte } from 'drizzle-orm';
import type { HealthThresholds } from '../config/workflow-settings';
import { deadLetters, workflowRuns } from '../db/d1-schema';
import type { HealthPort } from './health-port';
import type { WorkflowContext } from './types';

export interface Signals {
  spend: { spentMicros: number; capMicros: number; p1Micros: number; percent: number };
  llm: { calls: number; errors: number; ratePercent: number } | null;
  failedRuns: number;
  deadLetters: number;
}

const HOUR = 3_600_000;

export async function readSignals(context: WorkflowContext, port: HealthPort, now: number): Promise<Signals> {
  const since = now - HOUR;
  const [spend, llm, [runs], [letters]] = await Promise.all([
    port.spendToday(),
    port.llmCallsSince(since),
    context.d1
      .select({ n: count() })
      .from(workflowRuns)
      .where(and(eq(workflowRuns.status, 'failed'), gte(workflowRuns.startedAt, since))),
    context.d1.select({ n: count() }).from(deadLetters).where(gte(deadLetters.receivedAt, since)),
  ]);
  return {
    spend: { ...spend, percent: spend.capMicros > 0 ? Math.round((spend.spentMicros / spend.capMicros) * 100) : 0 },
    llm: llm ? { ...llm, ratePercent: llm.calls > 0 ? Math.round((llm.errors / llm.calls) * 100) : 0 } : null,
    failedRuns: runs?.n ?? 0,
    deadLetters: letters?.n ?? 0,
  };
}

/** The thresholds the signals passed, each as a sentence for the owner. */
export function tripped(signals: Signals, limits: HealthThresholds): string[] {
  const trips: string[] = [];
  if (signals.spend.percent >= limits.spendPausePercent)
    trips.push(`LLM spend today is ${signals.spend.percent}% of the daily cap (limit ${limits.spendPausePercent}%)`);
  if (signals.llm && signals.llm.calls >= limits.llmMinCalls && signals.llm.ratePercent >= limits.llmErrorRatePercent)
    trips.push(
      `${signals.llm.errors} of ${signals.llm.calls} LLM calls failed in the last hour (${signals.llm.ratePercent}%, limit ${limits.llmErrorRatePercent}%)`,
    );
  if (signals.failedRuns >= limits.failedRunsMax)
    trips.push(`${signals.failedRuns} workflow runs failed in the last hour (limit ${limits.failedRunsMax})`);
  if (signals.deadLetters >= limits.deadLettersMax)
    trips.push(
      `${signals.deadLetters} queue messages were dead-lettered in the last hour (limit ${limits.deadLettersMax})`,
    );
  return trips;
}

const usd = (micros: number) => `$${(micros / 1_000_000).toFixed(2)}`;

export function signalsLine(signals: Signals): string {
  const llm = signals.llm
    ? `${signals.llm.errors}/${signals.llm.calls} LLM calls failed`
    : 'LLM errors unknown (no Postgres)';
  return `Spend today ${usd(signals.spend.spentMicros)} of ${usd(signals.spend.capMicros)} (${signals.spend.percent}%, P1 line ${usd(signals.spend.p1Micros)}); last hour: ${llm}, ${signals.failedRuns} failed workflow runs, ${signals.deadLetters} dead letters.`;
}
