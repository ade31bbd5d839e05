import { openPostgres } from '../src/db/postgres';
import { updateRunIndex } from '../src/reactor/run-index';
import type { RunProgress } from '../src/reactor/swarm-types';

// The index follows a running run's progress at most this often; a run's end goes at once.
export const INDEX_EVERY_MS = 10_000;
// A hung connection must not hold the run's alarm: its next pass tries again.
const WRITE_TIMEOUT_MS = 10_000;

/** The figures the Postgres run index carries, as text to compare with what it was last given. */
export function indexFigures(progress: RunProgress): string {
  const { status, done, failed, costMicros, endedAt } = progress;
  return JSON.stringify({ status, done, failed, costMicros, endedAt });
}

/** When the index is next due a copy of the run's figures; null when it has them already. */
export function indexDueAt(
  run: { indexed: string | null; index_tried_at: number | null; ended_at: number | null },
  figures: string,
  now: number,
): number | null {
  if (run.indexed === figures) return null;
  const tried = run.index_tried_at ?? 0;
  if (run.ended_at !== null && tried < run.ended_at) return now;
  return Math.max(now, tried + INDEX_EVERY_MS);
}

/** Writes the run's figures to its Postgres index row, through a pool of its own. */
export async function writeRunIndex(
  postgres: { url: string; wsProxy?: string },
  progress: RunProgress,
  background: (work: Promise<unknown>) => void,
): Promise<void> {
  const handle = openPostgres(postgres);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the run index write took over ${WRITE_TIMEOUT_MS} ms`)),
      WRITE_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([updateRunIndex(handle.db, progress), timeout]);
  } finally {
    clearTimeout(timer);
    // Closing waits on the server; a slow close must not hold the alarm either.
    background(handle.close().catch(() => {}));
  }
}
