import { asc, eq } from 'drizzle-orm';
import type { D1Db } from '../db/d1';
import { type InsightArea, type InsightRow, insights } from '../db/learning-schema';
import type { Insight } from './insight';

/** Rows per insert statement: well under D1's 100 bound parameters at six columns a row. */
const ROWS_PER_INSERT = 15;

/** Replaces the last run's patterns with these, in one batch: a reader sees the old set or the new one. */
export async function replaceInsights(db: D1Db, found: readonly Insight[], computedAt: number): Promise<void> {
  const rows = found.map((insight) => ({ ...insight, computedAt }));
  const inserts = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT)
    inserts.push(db.insert(insights).values(rows.slice(start, start + ROWS_PER_INSERT)));
  await db.batch([db.delete(insights), ...inserts]);
}

export function latestInsights(db: D1Db, area?: InsightArea): Promise<InsightRow[]> {
  return db
    .select()
    .from(insights)
    .where(area ? eq(insights.area, area) : undefined)
    .orderBy(asc(insights.area), asc(insights.dimension), asc(insights.key))
    .all();
}

/** At most this many patterns go into a prompt; the firm ones first. */
const PATTERNS_IN_PROMPT = 20;

/** The latest patterns of an area as sentences for a prompt, firm figures before small ones. */
export async function patternsForPrompt(db: D1Db, area: InsightArea): Promise<string[]> {
  const rows = await latestInsights(db, area);
  return rows
    .sort((a, b) => Number(a.figures.small) - Number(b.figures.small))
    .slice(0, PATTERNS_IN_PROMPT)
    .map((row) => row.text);
}
