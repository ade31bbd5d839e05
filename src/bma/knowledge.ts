import { knowledgeFiles } from './knowledge.generated';
import type { KnowledgeItem, KnowledgeNorm } from './knowledge-schema';
import { parseKnowledge } from './parse-knowledge';

let loaded: { items: KnowledgeItem[]; norms: KnowledgeNorm[] } | undefined;

/** The shipped knowledge base, validated once per isolate. */
export function knowledgeBase() {
  loaded ??= parseKnowledge(knowledgeFiles);
  return loaded;
}

const tokens = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 1);

export interface KnowledgeHit {
  item: KnowledgeItem;
  score: number;
}

/**
 * Keyword ranking: a query word scores 3 in the item's keywords, 2 in its norm and 1 in its
 * requirement text; a whole keyword phrase found in the query scores 4 more. Enough for a few
 * hundred owner-written items; vector search comes with the memory store.
 */
export function searchKnowledge(
  query: string,
  options: { limit?: number; items?: readonly KnowledgeItem[] } = {},
): KnowledgeHit[] {
  const words = [...new Set(tokens(query))];
  const lowered = query.toLowerCase();
  if (words.length === 0) return [];
  const hits: KnowledgeHit[] = [];
  for (const item of options.items ?? knowledgeBase().items) {
    const keywordTokens = new Set(item.keywords.flatMap(tokens));
    const normTokens = new Set(tokens(item.norm));
    const textTokens = new Set(tokens(`${item.requirement} ${item.suggestion} ${item.id}`));
    let score = 0;
    for (const word of words) {
      if (keywordTokens.has(word)) score += 3;
      if (normTokens.has(word)) score += 2;
      if (textTokens.has(word)) score += 1;
    }
    for (const phrase of item.keywords) if (phrase.includes(' ') && lowered.includes(phrase.toLowerCase())) score += 4;
    if (score > 0) hits.push({ item, score });
  }
  hits.sort((a, b) => b.score - a.score || a.item.id.localeCompare(b.item.id));
  return hits.slice(0, options.limit ?? 10);
}

export interface MemoryNugget {
  id: string;
  text: string;
  metadata: Record<string, string>;
}

/** The knowledge items as memory nuggets: one document per item, ready for a vector store. */
export function knowledgeNuggets(items: readonly KnowledgeItem[] = knowledgeBase().items): MemoryNugget[] {
  return items.map((item) => ({
    id: `bma:${item.id}`,
    text: `${item.requirement}\nNorm: ${item.norm}\nSuggestion: ${item.suggestion}`,
    metadata: {
      kind: 'bma_knowledge',
      itemId: item.id,
      category: item.category,
      severity: item.severity,
      norm: item.norm,
      file: item.file,
    },
  }));
}
