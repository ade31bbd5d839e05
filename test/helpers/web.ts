import { env } from 'cloudflare:workers';
import type { FakePage } from '../../local-stack/services/fake-web';

async function post(url: string, body: unknown): Promise<Response> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url} refused: ${response.status} ${await response.text()}`);
  return response;
}

/** Registers a page on the fake web and returns its URL. */
export async function addPage(page: FakePage): Promise<string> {
  return ((await (await post(`${env.FAKE_WEB_URL}/__fake/pages`, page)).json()) as { url: string }).url;
}

/** Paths the fake web was asked for, search included. */
export async function webRequests(): Promise<{ path: string; query: string }[]> {
  return (await fetch(`${env.FAKE_WEB_URL}/__fake/requests`)).json();
}

export type ScriptTurn = { call: { name: string; arguments: Record<string, unknown> } } | { text: string };

/** Leads every chat whose prompt contains `match` through `turns`, one per model turn. */
export async function scriptConversation(match: string, turns: ScriptTurn[]): Promise<void> {
  await post(`${env.FAKE_LLM_URL}/__fake/scripts`, { match, turns });
}

export const call = (name: string, args: Record<string, unknown>): ScriptTurn => ({ call: { name, arguments: args } });

/** A small HTML page with a title and a paragraph. */
export const htmlPage = (title: string, text: string) =>
  `<!doctype html><html><head><title>${title}</title><style>p{color:red}</style><script>var hidden = "not text";</script></head><body><h1>${title}</h1><p>${text}</p></body></html>`;
