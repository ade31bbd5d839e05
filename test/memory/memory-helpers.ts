import { env } from 'cloudflare:workers';
import { workerFetch } from '../helpers/fetch';
import { ownerKey } from '../helpers/keys';

/** The memory tests need the real Chroma the global setup starts; say why when it did not. */
export function requireChroma(): void {
  if (!env.CHROMA_URL) throw new Error(`the test Chroma server did not start: ${env.CHROMA_START_ERROR}`);
}

export interface NuggetView {
  id: string;
  text: string;
  kind: string;
  source: string;
  tags: string[];
  createdAt: string;
  created?: boolean;
  distance?: number;
  score?: number;
  uses?: number;
  lastUsedAt?: string | null;
  embedding?: { provider: string; model: string; local: boolean; collection: string; dimensions: number | null };
}

export interface SearchView {
  query: string;
  k: number;
  embedding: { provider: string; model: string; local: boolean };
  results: NuggetView[];
}

/** Chroma is shared by every test file: a word of its own keeps each test's nuggets apart. */
export const uniqueWord = (prefix: string) => `${prefix}${crypto.randomUUID().replaceAll('-', '').slice(0, 10)}`;

export const remember = (body: unknown, key = ownerKey) =>
  workerFetch('/api/memory', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

export async function rememberOk(body: Record<string, unknown>): Promise<NuggetView> {
  const response = await remember({ kind: 'lesson', tags: [], ...body });
  if (response.status !== 201) throw new Error(`store answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as NuggetView;
}

export const search = (query: Record<string, string>, key = ownerKey) =>
  workerFetch(`/api/memory/search?${new URLSearchParams(query)}`, { headers: { authorization: `Bearer ${key}` } });

export async function searchOk(query: Record<string, string>): Promise<SearchView> {
  const response = await search(query);
  if (response.status !== 200) throw new Error(`search answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as SearchView;
}

export const goldNuggets = (query = '', key = ownerKey) =>
  workerFetch(`/api/gold-nuggets${query}`, { headers: { authorization: `Bearer ${key}` } });
