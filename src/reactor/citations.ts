import type { FetchedSource } from '../agents/tools/tool';

export interface CitationRule {
  /** Lists of the output whose every entry is a claim that must name, in `source`, a page read in the job. */
  lists: string[];
}

export interface UnsupportedClaim {
  list: string;
  claim: unknown;
  reason: string;
}

/** `https://a.example/x#top` and `https://a.example/x` cite the same page. */
function pageKey(url: string): string | undefined {
  try {
    const parsed = new URL(url.trim());
    parsed.hash = '';
    return parsed.toString();
  } catch {
    return undefined;
  }
}

const sourceOf = (entry: unknown) =>
  entry && typeof entry === 'object' ? (entry as Record<string, unknown>).source : undefined;

/**
 * Keeps the claims that cite a page the job fetched and moves the rest to `unsupported`, with
 * why: a claim is evidence only when its page was read, not when a model remembers or guesses a
 * URL. The result also carries `sources`, the fetched pages its claims cite.
 */
export function applyCitations(
  value: Record<string, unknown>,
  rule: CitationRule,
  fetched: readonly FetchedSource[],
): Record<string, unknown> {
  const pages = new Map(
    fetched.flatMap((source) => {
      const key = pageKey(source.url);
      return key ? [[key, source] as const] : [];
    }),
  );
  const cited = new Map<string, FetchedSource>();
  const unsupported: UnsupportedClaim[] = [];
  const result: Record<string, unknown> = { ...value };
  for (const list of rule.lists) {
    const entries = Array.isArray(value[list]) ? (value[list] as unknown[]) : [];
    result[list] = entries.filter((claim) => {
      const source = sourceOf(claim);
      const key = typeof source === 'string' ? pageKey(source) : undefined;
      const page = key ? pages.get(key) : undefined;
      if (key && page) {
        cited.set(key, page);
        return true;
      }
      const reason =
        typeof source === 'string' && source.trim()
          ? `${source.slice(0, 300)} was not fetched in this job`
          : 'no source';
      unsupported.push({ list, claim, reason });
      return false;
    });
  }
  return { ...result, sources: [...cited.values()], unsupported };
}
