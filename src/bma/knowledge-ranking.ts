import { type KnowledgeHit, knowledgeBase, searchKnowledge } from './knowledge';
import { type KnowledgeMemory, searchKnowledgeByMeaning } from './knowledge-memory';
import type { categories, KnowledgeItem } from './knowledge-schema';

export interface KnowledgeQuery {
  q?: string;
  category?: (typeof categories)[number];
  limit: number;
}

/** By meaning through long-term memory when it is there and answers; by keywords otherwise. */
async function rank(
  memory: KnowledgeMemory | undefined,
  q: string,
  items: KnowledgeItem[],
  limit: number,
  onMemoryFailure: (error: unknown) => void,
): Promise<{ ranked: KnowledgeHit[]; search: 'memory' | 'keywords' }> {
  if (memory) {
    try {
      return { ranked: await searchKnowledgeByMeaning(memory, q, { items, limit }), search: 'memory' };
    } catch (error) {
      onMemoryFailure(error);
    }
  }
  return { ranked: searchKnowledge(q, { items, limit }), search: 'keywords' };
}

/**
 * The checklist items of a category (all without one), ranked against `q` when it is given
 * (each with its score), and the norms they cite. `search` says how the ranking was made.
 */
export async function rankKnowledge(
  memory: KnowledgeMemory | undefined,
  query: KnowledgeQuery,
  onMemoryFailure: (error: unknown) => void,
) {
  const { q, category, limit } = query;
  const base = knowledgeBase();
  const items = base.items.filter((item) => !category || item.category === category);
  const { ranked, search } = q
    ? await rank(memory, q, items, limit, onMemoryFailure)
    : { ranked: items.slice(0, limit).map((item) => ({ item, score: 0 })), search: undefined };
  return {
    items: ranked.map(({ item, score }) => ({ ...item, ...(q ? { score } : {}) })),
    norms: base.norms,
    ...(search ? { search } : {}),
  };
}
