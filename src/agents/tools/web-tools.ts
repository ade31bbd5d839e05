import type { ToolSettings } from '../../config/tool-settings';
import type { AgentTool } from './tool';
import { webFetchTool } from './web-fetch';
import { braveSearch, webSearchTool } from './web-search';

// Page text handed to a model per fetch; the byte limit bounds what is read, this what is passed on.
const PAGE_CHARS = 20_000;

/** web_search and web_fetch as configured: search off without a key, fetch limited to the allow-list. */
export function webTools(settings: ToolSettings, fetcher: typeof fetch = fetch) {
  const search = settings.search
    ? braveSearch({ ...settings.search, timeoutMs: settings.fetch.timeoutMs }, fetcher)
    : undefined;
  return {
    web_search: webSearchTool(search),
    web_fetch: webFetchTool({ ...settings.fetch, maxChars: PAGE_CHARS }, fetcher),
  } satisfies Record<string, AgentTool<unknown>>;
}
