import type { D1Db } from '../db/d1';
import { conversionReport } from '../revenue/conversion-report';
import { contentPatterns } from './content-patterns';
import { publicationsBetween } from './engagement-rows';
import type { Insight } from './insight';
import { replaceInsights } from './insight-store';
import { salesPatterns } from './sales-patterns';

/** The window patterns are read over: long enough for a sample, short enough to follow change. */
export const LEARNING_WINDOW_DAYS = 30;
const DAY = 86_400_000;

export interface LearningSources {
  d1: D1Db;
  /** SCHEDULE_TIMEZONE: posting slots are compared by local hour. */
  timezone: string;
}

/** What worked over the window ending at `now`, stored as the latest patterns (the last run's are replaced). */
export async function learnPatterns(sources: LearningSources, now: number): Promise<Insight[]> {
  const from = now - LEARNING_WINDOW_DAYS * DAY;
  const [publications, report] = await Promise.all([
    publicationsBetween(sources.d1, from, now),
    conversionReport(sources.d1, from, now),
  ]);
  const found = [...contentPatterns(publications, sources.timezone), ...salesPatterns(report, LEARNING_WINDOW_DAYS)];
  await replaceInsights(sources.d1, found, now);
  return found;
}
