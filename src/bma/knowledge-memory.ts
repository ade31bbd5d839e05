import type { NuggetHit, NuggetInput } from '../memory/nugget';
import type { NuggetFilter } from '../memory/vector-store';
import { type KnowledgeHit, knowledgeBase, knowledgeNuggets } from './knowledge';
import type { KnowledgeItem } from './knowledge-schema';

/** The source every knowledge nugget is stored under, so searches can keep to it. */
export const KNOWLEDGE_SOURCE = 'bma:knowledge';
const ITEM_TAG = 'item:';
/** Chroma calls at a time while the knowledge base is stored. */
const STORE_CONCURRENCY = 8;

export interface KnowledgeMemory {
  remember(input: NuggetInput): Promise<unknown>;
  search(query: string, k: number, filter?: NuggetFilter): Promise<NuggetHit[]>;
}

// The knowledge base ships in the bundle, so it cannot change under a running isolate: storing it
// once per isolate is enough, and storing is idempotent (same text, same source, same nugget).
let stored: Promise<void> | undefined;

async function storeKnowledge(memory: KnowledgeMemory): Promise<void> {
  const nuggets = knowledgeNuggets();
  for (let start = 0; start < nuggets.length; start += STORE_CONCURRENCY) {
    await Promise.all(
      nuggets.slice(start, start + STORE_CONCURRENCY).map((nugget) =>
        memory.remember({
          text: nugget.text,
          kind: 'rule',
          source: KNOWLEDGE_SOURCE,
          tags: ['bma', `${ITEM_TAG}${nugget.metadata.itemId}`, nugget.metadata.category ?? 'bma'],
        }),
      ),
    );
  }
}

/**
 * The knowledge items nearest in meaning to the query, from long-term memory. The items are put
 * into memory on first use; a hit whose item is no longer in the knowledge base is dropped.
 */
export async function searchKnowledgeByMeaning(
  memory: KnowledgeMemory,
  query: string,
  options: { limit: number; items?: readonly KnowledgeItem[] },
): Promise<KnowledgeHit[]> {
  stored ??= storeKnowledge(memory).catch((error: unknown) => {
    stored = undefined;
    throw error;
  });
  await stored;
  const items = new Map((options.items ?? knowledgeBase().items).map((item) => [item.id, item]));
  // Memory's k is at most 20; a category filter may drop some hits, so ask for the most.
  const hits = await memory.search(query, 20, { source: KNOWLEDGE_SOURCE });
  const ranked: KnowledgeHit[] = [];
  for (const hit of hits) {
    const itemId = hit.tags.find((tag) => tag.startsWith(ITEM_TAG))?.slice(ITEM_TAG.length);
    const item = itemId ? items.get(itemId) : undefined;
    if (!item || ranked.some((known) => known.item.id === item.id)) continue;
    // Cosine distance 0..2 as a score 1..0, rounded for a stable response.
    ranked.push({ item, score: Math.round((1 - hit.distance / 2) * 1000) / 1000 });
  }
  return ranked.slice(0, options.limit);
}
