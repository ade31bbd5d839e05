import type { TaskDefinition } from './task-schema';

type Reducer = TaskDefinition['reduce'];

const pick = (value: unknown, key: string): unknown =>
  value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;

/** Each job's result, or the entries of its `list` field when the reducer names one. */
function entries(results: unknown[], list: string | undefined): unknown[] {
  if (!list) return results;
  return results.flatMap((result) => {
    const value = pick(result, list);
    return Array.isArray(value) ? value : [];
  });
}

/**
 * Combines job results deterministically. `summary` is done by a model after this step, over
 * the concatenated results, so it is not handled here.
 */
export function reduceResults(reducer: Reducer, results: unknown[]): unknown {
  switch (reducer.kind) {
    case 'concat':
    case 'summary':
      return results;
    case 'dedupe': {
      const seen = new Set<string>();
      const kept: unknown[] = [];
      for (const entry of entries(results, reducer.list)) {
        const raw = pick(entry, reducer.key);
        // Entries without the key are kept: nothing says they repeat another.
        const key =
          typeof raw === 'string'
            ? raw.trim().toLowerCase()
            : raw === undefined || raw === null
              ? undefined
              : JSON.stringify(raw);
        if (key !== undefined && key !== '') {
          if (seen.has(key)) continue;
          seen.add(key);
        }
        kept.push(entry);
      }
      return kept;
    }
    case 'rank': {
      const score = (entry: unknown) => {
        const value = pick(entry, reducer.by);
        return typeof value === 'number' && Number.isFinite(value) ? value : Number.NEGATIVE_INFINITY;
      };
      const sorted = [...entries(results, reducer.list)].sort((a, b) =>
        reducer.order === 'asc' ? score(a) - score(b) : score(b) - score(a),
      );
      return sorted.slice(0, reducer.limit);
    }
  }
}
