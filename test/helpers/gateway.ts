import { env } from 'cloudflare:workers';
import OpenAI from 'openai';
import { checkedFetch } from './fetch';
import { ownerKey } from './keys';

/** The real OpenAI SDK pointed at the Worker's gateway, as any OpenAI client would use it. */
export function gatewayClient(apiKey = ownerKey, headers: Record<string, string> = {}): OpenAI {
  return new OpenAI({
    baseURL: 'http://empire.test/v1',
    apiKey,
    maxRetries: 0,
    defaultHeaders: headers,
    fetch: (input, init) => checkedFetch(new Request(input as RequestInfo, init as RequestInit)),
  });
}

export interface FakeRequest {
  provider: string;
  path: string;
  model: string | null;
  stream: boolean;
  status: number | null;
  fault: boolean;
  at: string;
  excerpt: string;
  messages: { role: string; text: string; images?: string[] }[];
}

/** Injects a fault into the fake upstream; `contains` keeps it to this test's requests. */
export async function addFault(spec: {
  contains: string;
  status: number;
  provider?: string;
  times?: number;
  retryAfter?: number;
  delayMs?: number;
  body?: 'malformed';
  /** A streamed answer fails after its first piece. */
  midstream?: boolean;
  /** The connection drops before any byte of the answer. */
  disconnect?: boolean;
}): Promise<void> {
  const response = await fetch(`${env.FAKE_LLM_URL}/__fake/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  });
  if (!response.ok) throw new Error(`fault not accepted: ${await response.text()}`);
}

/** The upstream requests that carried `marker`, oldest first. */
export async function upstreamRequests(marker: string): Promise<FakeRequest[]> {
  const response = await fetch(`${env.FAKE_LLM_URL}/__fake/requests`);
  const all = (await response.json()) as FakeRequest[];
  // The marker may sit past the excerpt, after an agent's history: its messages are searched too.
  const mentions = (entry: FakeRequest) =>
    entry.excerpt.includes(marker) || entry.messages.some((message) => message.text.includes(marker));
  return all.filter((entry) => mentions(entry) && /\/(chat\/completions|messages)$/.test(entry.path));
}

export const uniqueMarker = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}`;
