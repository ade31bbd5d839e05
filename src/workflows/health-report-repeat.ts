import type { D1Db } from '../db/d1';
import { recentRuns } from './run-history';

/** The same findings, with nothing newly done about them, are told to the owner at most this often. */
export const REPEAT_REPORT_AFTER_MS = 60 * 60_000;
// The check runs every five minutes: an hour of runs, and a few more for runs started late.
const RUNS_LOOKED_AT = 16;

/** What makes a report news: what is failing and what tripped, not the figures that move every run. */
export function reportFingerprint(parts: { failing: string[]; trips: string[]; books: string[] }): string {
  return JSON.stringify([parts.failing.toSorted(), parts.trips.toSorted(), parts.books]);
}

/** Whether a run of the last hour already sent a report with this fingerprint. */
export async function sentRecently(d1: D1Db, fingerprint: string, now: number): Promise<boolean> {
  const runs = await recentRuns(d1, 'health_check', RUNS_LOOKED_AT);
  return runs.some((run) => {
    if ((run.tick ?? run.startedAt) < now - REPEAT_REPORT_AFTER_MS) return false;
    const report = run.steps?.find((step) => step.name === 'report');
    const output = report?.output as { delivery?: string; fingerprint?: string } | undefined;
    return output?.delivery === 'sent' && output.fingerprint === fingerprint;
  });
}
