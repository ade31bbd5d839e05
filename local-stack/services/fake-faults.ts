// Faults a test queues on a fake API: the next request(s) whose body contains a text get this
// status instead of the normal answer (a 429 with its wait, a 503, an expired token).
import { readFileSync } from 'node:fs';

export interface FakeFault {
  status: number;
  contains: string;
  remaining: number;
  /** Seconds a 429 asks the caller to wait. */
  retryAfter: number;
}

export function faultQueue() {
  const faults: FakeFault[] = [];
  return {
    add(spec: Record<string, unknown>): number {
      faults.push({
        status: Number(spec.status ?? 429),
        contains: String(spec.contains ?? ''),
        remaining: Number(spec.times ?? 1),
        retryAfter: Number(spec.retryAfter ?? 60),
      });
      return faults.length;
    },
    take(text: string): FakeFault | undefined {
      const fault = faults.find((entry) => text.includes(entry.contains));
      if (!fault) return undefined;
      fault.remaining -= 1;
      if (fault.remaining <= 0) faults.splice(faults.indexOf(fault), 1);
      return fault;
    },
  };
}

/** A wire sample from test/fixtures/<api>/, the shape a fake answers with. */
export function wireSample(api: string, file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../test/fixtures/${api}/${file}`, import.meta.url), 'utf8'));
}
