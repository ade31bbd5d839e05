export type WindowKind = 'day' | 'month';
export const windowKinds: readonly WindowKind[] = ['day', 'month'];

/** Budget windows are UTC calendar days and months: `day:2026-11-25`, `month:2026-11`. */
export function windowKey(kind: WindowKind, at: number): string {
  const iso = new Date(at).toISOString();
  return kind === 'day' ? `day:${iso.slice(0, 10)}` : `month:${iso.slice(0, 7)}`;
}

/** The first instant (epoch ms) of the next window: when a refused call may fit again. */
export function windowEnd(kind: WindowKind, at: number): number {
  const date = new Date(at);
  return kind === 'day'
    ? Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1)
    : Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}
