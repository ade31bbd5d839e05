import { z } from 'zod';
import { defineTool, jsonOutput } from './tool';
import { ToolRefusal } from './tool-errors';

export interface SearchHit {
  title: string;
  url: string;
  snippet: string;
}

/** Where web searches go; the Brave Search API is the one built in. */
export interface WebSearchProvider {
  search(query: string, count: number, signal: AbortSignal): Promise<SearchHit[]>;
}

export interface BraveSearchSettings {
  /** The web search endpoint, `https://api.search.brave.com/res/v1/web/search` in production. */
  url: string;
  apiKey: string;
  timeoutMs: number;
}

// Only the fields read; `web` is absent when nothing was found.
const braveResponse = z.object({
  web: z
    .object({
      results: z.array(
        z.object({ title: z.string(), url: z.string(), description: z.string().optional().default('') }).loose(),
      ),
    })
    .loose()
    .optional(),
});

const stripTags = (text: string) => text.replace(/<\/?strong>/g, '');

export function braveSearch(settings: BraveSearchSettings, fetcher: typeof fetch = fetch): WebSearchProvider {
  return {
    async search(query, count, signal) {
      const url = new URL(settings.url);
      url.searchParams.set('q', query);
      url.searchParams.set('count', String(count));
      const response = await fetcher(url.toString(), {
        headers: { accept: 'application/json', 'x-subscription-token': settings.apiKey },
        signal: AbortSignal.any([signal, AbortSignal.timeout(settings.timeoutMs)]),
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(`the search API answered ${response.status}`);
      }
      const parsed = braveResponse.safeParse(await response.json());
      if (!parsed.success) throw new Error('the search API answered in an unknown shape');
      return (parsed.data.web?.results ?? []).slice(0, count).map((hit) => ({
        title: stripTags(hit.title),
        url: hit.url,
        snippet: stripTags(hit.description),
      }));
    },
  };
}

const args = z
  .object({
    query: z.string().min(1).max(400).describe('What to search the web for'),
    count: z.number().int().min(1).max(10).optional().describe('Results wanted, 5 unless given'),
  })
  .strict();

/** Search results are leads to pages, not evidence: only a page read with web_fetch may be cited. */
export function webSearchTool(provider: WebSearchProvider | undefined) {
  return defineTool<z.infer<typeof args>>({
    name: 'web_search',
    description: 'Search the web. Returns titles, URLs and snippets; read a page with web_fetch before citing it.',
    args,
    async run({ query, count }, context) {
      if (!provider) throw new ToolRefusal('web search is not configured here (WEB_SEARCH_API_KEY is not set)');
      return jsonOutput({ results: await provider.search(query, count ?? 5, context.signal) });
    },
  });
}
