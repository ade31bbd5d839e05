/** How many of the newest days, ISO weeks and months keep a backup each. */
export interface BackupRetention {
  daily: number;
  weekly: number;
  monthly: number;
}

export interface StoredBackup {
  id: string;
  /** Its manifest was written. */
  finished: boolean;
}

const DAY_MS = 86_400_000;

/** A backup id (2026-11-30T02-30-00-000Z) back to its instant. */
export function backupTime(id: string): number {
  const [date = '', time = ''] = id.split('T');
  const [hours, minutes, seconds, millis] = time.replace(/Z$/, '').split('-');
  return Date.parse(`${date}T${hours}:${minutes}:${seconds}.${millis}Z`);
}

const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);
const monthOf = (time: number) => new Date(time).toISOString().slice(0, 7);
/** The Monday (UTC) starting the ISO week: weeks run across month and year ends. */
const weekOf = (time: number) => {
  const weekday = (new Date(time).getUTCDay() + 6) % 7;
  return dayOf(time - weekday * DAY_MS);
};

/** The newest backup of each of the `slots` newest periods that hold one. */
function newestPerPeriod(newestFirst: readonly StoredBackup[], period: (time: number) => string, slots: number) {
  const kept: string[] = [];
  const seen = new Set<string>();
  for (const backup of newestFirst) {
    if (seen.size >= slots) break;
    const key = period(backupTime(backup.id));
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(backup.id);
  }
  return kept;
}

/**
 * Which backups to delete: finished ones kept by none of the daily, weekly or monthly slots, and
 * unfinished ones (a run that never wrote its manifest) older than the newest finished backup. The
 * nightly run writing now is the newest; an older night's failed run is dropped here, so retry it
 * (from its failed step) before the next night or let it go.
 */
export function backupsToDelete(backups: readonly StoredBackup[], keep: BackupRetention): string[] {
  const finished = backups.filter((backup) => backup.finished).sort((a, b) => b.id.localeCompare(a.id));
  const kept = new Set([
    ...newestPerPeriod(finished, dayOf, keep.daily),
    ...newestPerPeriod(finished, weekOf, keep.weekly),
    ...newestPerPeriod(finished, monthOf, keep.monthly),
  ]);
  const newest = finished[0]?.id;
  return backups
    .filter((backup) =>
      backup.finished ? !kept.has(backup.id) : newest !== undefined && backup.id.localeCompare(newest) < 0,
    )
    .map((backup) => backup.id)
    .sort();
}
