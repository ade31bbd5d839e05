import { describe, expect, it } from 'vitest';
import { backupsToDelete, backupTime, type StoredBackup } from '../../src/backup/retention-rule';

const DAY_MS = 86_400_000;
const idAt = (time: number) => new Date(time).toISOString().replace(/[:.]/g, '-');
/** One finished backup a night at 02:30 UTC, from `first` to `last` (inclusive). */
function nightly(first: string, last: string): StoredBackup[] {
  const backups: StoredBackup[] = [];
  for (let time = Date.parse(`${first}T02:30:00Z`); time <= Date.parse(`${last}T02:30:00Z`); time += DAY_MS)
    backups.push({ id: idAt(time), finished: true });
  return backups;
}
const kept = (backups: StoredBackup[], deleted: string[]) =>
  backups
    .filter((backup) => !deleted.includes(backup.id))
    .map((backup) => backup.id.slice(0, 10))
    .sort();

describe('happy', () => {
  it('reads an id back to its instant', () => {
    expect(backupTime('2026-11-30T02-30-00-000Z')).toBe(Date.UTC(2026, 10, 30, 2, 30));
  });

  it('keeps 7 days, 4 ISO weeks and 12 months across month and year ends', () => {
    // Fourteen months of nights, ending Tuesday 2027-01-05 (its ISO week began Monday 2027-01-04).
    const backups = nightly('2025-11-01', '2027-01-05');
    const deleted = backupsToDelete(backups, { daily: 7, weekly: 4, monthly: 12 });
    expect(kept(backups, deleted)).toEqual([
      // Months: the newest night of each of the 12 newest months (2026-02 … 2027-01).
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
      '2026-07-31',
      '2026-08-31',
      '2026-09-30',
      '2026-10-31',
      '2026-11-30',
      // Weeks: this week's newest night and the Sundays ending the three weeks before it (2027-01-03
      // ends the week that spans the year end; it is also among the 7 days).
      '2026-12-20',
      '2026-12-27',
      // Days: the 7 newest nights; 2026-12-31 is also December's newest, 2027-01-03 its week's.
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
      '2027-01-04',
      '2027-01-05',
    ]);
  });

  it('keeps the newest backup of a day that has several, and counts only periods that hold one', () => {
    const backups: StoredBackup[] = [
      { id: '2026-03-01T02-30-00-000Z', finished: true },
      { id: '2026-03-01T14-00-00-000Z', finished: true },
      { id: '2026-01-15T02-30-00-000Z', finished: true },
      { id: '2025-06-02T02-30-00-000Z', finished: true },
    ];
    expect(backupsToDelete(backups, { daily: 2, weekly: 0, monthly: 0 })).toEqual([
      '2025-06-02T02-30-00-000Z',
      '2026-03-01T02-30-00-000Z',
    ]);
    expect(backupsToDelete(backups, { daily: 1, weekly: 0, monthly: 3 })).toEqual(['2026-03-01T02-30-00-000Z']);
  });

  it('deletes unfinished backups older than the newest finished one, never one still being written', () => {
    const backups: StoredBackup[] = [
      { id: '2026-03-01T02-30-00-000Z', finished: false },
      { id: '2026-03-02T02-30-00-000Z', finished: true },
      { id: '2026-03-03T02-30-00-000Z', finished: false },
    ];
    expect(backupsToDelete(backups, { daily: 7, weekly: 4, monthly: 12 })).toEqual(['2026-03-01T02-30-00-000Z']);
    expect(
      backupsToDelete([{ id: '2026-03-01T02-30-00-000Z', finished: false }], { daily: 1, weekly: 0, monthly: 0 }),
    ).toEqual([]);
  });
});
