// V8's garbage collections in workerd, counted per phase of a benchmark. workerd takes V8 flags
// from Miniflare's MINIFLARE_WORKERD_V8_FLAGS; with `--trace-gc` each collection prints one line
// ("... 8692 ms: Scavenge 18.1 (20.7) -> 16.3 (17.2) MB, pooled: 4.0 MB, 7.34 / 0.00 ms ...")
// that reaches the log handler while the benchmark runs, so lines land in the phase that caused them.

export const TRACE_GC_FLAG = '--trace-gc';

export interface GcCounts {
  scavenges: number;
  scavengePauseMs: number;
  /** Full collections (mark-compact), whose pauses are an order of magnitude longer. */
  markCompacts: number;
  markCompactPauseMs: number;
}

const collection = /: (Scavenge|Mark-Compact|Minor Mark-Sweep)\b.*?MB, (?:pooled: [\d.]+ MB, )?([\d.]+) \/ [\d.]+ ms/;

const empty = (): GcCounts => ({ scavenges: 0, scavengePauseMs: 0, markCompacts: 0, markCompactPauseMs: 0 });

export function gcTally() {
  const phases = new Map<string, GcCounts>();
  let current: GcCounts | undefined;
  return {
    /** Lines from now on count for `label`; undefined stops counting. */
    phase(label: string | undefined): void {
      if (label === undefined) {
        current = undefined;
        return;
      }
      current = phases.get(label) ?? empty();
      phases.set(label, current);
    },
    /** A workerd log line; anything that is not a collection is ignored. Returns whether it was one. */
    line(message: string): boolean {
      const match = collection.exec(message);
      if (!match) return false;
      if (current) {
        const pauseMs = Number(match[2]);
        if (match[1] === 'Mark-Compact') {
          current.markCompacts += 1;
          current.markCompactPauseMs += pauseMs;
        } else {
          current.scavenges += 1;
          current.scavengePauseMs += pauseMs;
        }
      }
      return true;
    },
    counts: (label: string): GcCounts => phases.get(label) ?? empty(),
  };
}
