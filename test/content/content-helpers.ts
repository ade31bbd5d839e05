import { env } from 'cloudflare:workers';
import { workerFetch } from '../helpers/fetch';

/** A call to the API with a bearer key; JSON bodies are sent as such. */
export function api(path: string, key: string | undefined, init: RequestInit & { json?: unknown } = {}) {
  const { json, ...rest } = init;
  const headers: Record<string, string> = {
    ...(key ? { authorization: `Bearer ${key}` } : {}),
    ...(json === undefined ? {} : { 'content-type': 'application/json' }),
    ...(rest.headers as Record<string, string> | undefined),
  };
  return workerFetch(path, { ...rest, headers, body: json === undefined ? rest.body : JSON.stringify(json) });
}

export interface Item {
  id: string;
  ideaId: string;
  channel: string;
  status: string;
  nextStatuses: string[];
  body: Record<string, unknown>;
  scheduledAt: string | null;
  publishedAt: string | null;
  attempts: number;
  lastError: string | null;
  publication: { state: string; dryRun: boolean; remoteIds: string[]; url: string | null; error: string | null } | null;
}

export interface Idea {
  id: string;
  topic: string;
  items: Item[];
}

export async function newIdea(key: string, body: Record<string, unknown>): Promise<Idea> {
  const response = await api('/api/content/ideas', key, { method: 'POST', json: body });
  if (response.status !== 201) throw new Error(`idea not created: ${response.status} ${await response.text()}`);
  return (await response.json()) as Idea;
}

export async function approve(key: string, id: string): Promise<Item> {
  const response = await api(`/api/content/items/${id}/approve`, key, { method: 'POST' });
  if (response.status !== 200) throw new Error(`not approved: ${response.status} ${await response.text()}`);
  return (await response.json()) as Item;
}

/** Makes the fake LLM answer the next request carrying `marker` with `content` as the model's text. */
export async function modelAnswers(marker: string, content: string, times = 1): Promise<void> {
  const completion = {
    id: `chatcmpl-${marker}`,
    object: 'chat.completion',
    created: 1_790_000_000,
    model: 'kimi-k2.5',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 300, completion_tokens: 200, total_tokens: 500 },
  };
  const response = await fetch(`${env.FAKE_LLM_URL}/__fake/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ contains: marker, status: 200, body: completion, times }),
  });
  if (!response.ok) throw new Error(`fault not accepted: ${await response.text()}`);
}
