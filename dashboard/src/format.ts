/**
 * Money arrives as integer USD micro-units and is shown in the owner's currency. The conversion
 * rounds once to whole micros; digits are cut from the integer, never from a float.
 */
export function money(usdMicros: number, currencyPerUsd: number, currency: string): string {
  const micros = Math.round(usdMicros * currencyPerUsd);
  const sign = micros < 0 ? '-' : '';
  const abs = Math.abs(micros);
  const whole = Math.trunc(abs / 1_000_000);
  const fraction = String(abs % 1_000_000).padStart(6, '0');
  // Cents for real amounts; sub-cent spend (cheap models) keeps its micro digits so it is visible.
  const shown = whole >= 1 ? fraction.slice(0, 2) : fraction.replace(/0+$/, '').padEnd(2, '0');
  return `${sign}${currency} ${whole.toLocaleString('en')}.${shown}`;
}

export function percent(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round((part / whole) * 100)));
}

export function ago(iso: string | null, now = Date.now()): string {
  if (!iso) return '-';
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (Math.abs(seconds) < 60) return seconds >= 0 ? `${seconds}s ago` : `in ${-seconds}s`;
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return minutes >= 0 ? `${minutes}m ago` : `in ${-minutes}m`;
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return hours >= 0 ? `${hours}h ago` : `in ${-hours}h`;
  const days = Math.round(hours / 24);
  return days >= 0 ? `${days}d ago` : `in ${-days}d`;
}

export const shortTime = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '-');
