// V8's garbage collections in workerd, counted per phase of a benchmark. workerd takes V8 flags
// from Miniflare's MINIFLARE_WORKERD_V8_FLAGS; with `--trace-gc-nvp` each collection prints one
// line of JSON after "GC: " ({"pause":2.1,"gc":"s",...,"new_space_survived":51200,"promoted":...})
// that reaches the log handler while the benchmark runs, so lines land in the phase that caused them.

export const TRACE_GC_FLAG = '--trace-gc-nvp';

export interface GcCounts {
  scavenges: number;
  scavengePauseMs: number;
  /**
   * Of the scavenges' pauses, the time spent on weak global handles: the runtime's wrappers of
   * native objects (requests, responses, headers, streams, signals), each visited and, once dead,
   * finalised by the scavenge that finds it.
   */
  weakHandlesMs: number;
  /** The largest young generation (one semi-space) seen: V8 grows it as objects outlive scavenges. */
  youngCapacityBytes: number;
  /** Bytes the scavenges found still reachable: what they copy, and what makes them slow. */
  survivedBytes: number;
  /** Of those, bytes moved to the old generation, which only a mark-compact frees. */
  promotedBytes: number;
  /** Full collections (mark-compact), whose pauses are an order of magnitude longer. */
  markCompacts: number;
  markCompactPauseMs: number;
}

interface Collection {
  gc?: string;
  pause?: number;
  new_space_survived?: number;
  promoted?: number;
  new_space_capacity?: number;
  'scavenge.weak_global_handles.identify'?: number;
  'scavenge.weak_global_handles.process'?: number;
}

const MARKER = 'GC: {';
/** "s" is a scavenge and "mmc" a minor mark-compact; anything else ("mc") is a full collection. */
const MINOR = new Set(['s', 'mmc']);

const empty = (): GcCounts => ({
  scavenges: 0,
  scavengePauseMs: 0,
  weakHandlesMs: 0,
  youngCapacityBytes: 0,
  survivedBytes: 0,
  promotedBytes: 0,
  markCompacts: 0,
  markCompactPauseMs: 0,
});

function parse(message: string): Collection | undefined {
  const at = message.indexOf(MARKER);
  if (at < 0) return undefined;
  try {
    return JSON.parse(message.slice(at + MARKER.length - 1)) as Collection;
  } catch {
    return undefined;
  }
}

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
      const collection = parse(message);
      if (!collection) return false;
      if (current) {
        const pauseMs = collection.pause ?? 0;
        if (MINOR.has(collection.gc ?? '')) {
          current.scavenges += 1;
          current.scavengePauseMs += pauseMs;
          current.weakHandlesMs +=
            (collection['scavenge.weak_global_handles.identify'] ?? 0) +
            (collection['scavenge.weak_global_handles.process'] ?? 0);
          current.youngCapacityBytes = Math.max(current.youngCapacityBytes, collection.new_space_capacity ?? 0);
          current.survivedBytes += collection.new_space_survived ?? 0;
          current.promotedBytes += collection.promoted ?? 0;
        } else {
          current.markCompacts += 1;
          current.markCompactPauseMs += pauseMs;
        }
      }
      return true;
    },
    counts: (label: string): GcCounts => phases.get(label) ?? empty(),
  };
}
