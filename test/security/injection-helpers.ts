import { env } from 'cloudflare:workers';
import type { FakeRequest } from '../helpers/gateway';

/** Every chat request the fake upstream received whose messages carry `marker` anywhere. */
export async function modelRequestsWith(marker: string): Promise<FakeRequest[]> {
  const all = (await (await fetch(`${env.FAKE_LLM_URL}/__fake/requests`)).json()) as FakeRequest[];
  return all.filter(
    (entry) =>
      /\/(chat\/completions|messages)$/.test(entry.path) &&
      entry.messages.some((message) => message.text.includes(marker)),
  );
}

/** Polls until at least `count` requests carried the marker. */
export async function waitForModelRequests(marker: string, count = 1, timeoutMs = 20_000): Promise<FakeRequest[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await modelRequestsWith(marker);
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Where the marker sat in each request: the roles of the messages that carried it. */
export const rolesCarrying = (requests: FakeRequest[], marker: string) =>
  requests.flatMap((request) =>
    request.messages.filter((message) => message.text.includes(marker)).map((message) => message.role),
  );

/** Every request carrying `marker` is answered with `content` as the model's text, until cleared. */
export async function modelAlwaysAnswers(marker: string, content: string): Promise<void> {
  const completion = {
    id: `chatcmpl-${marker}`,
    object: 'chat.completion',
    created: 1_790_000_000,
    model: 'fake-model',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 120, completion_tokens: 40, total_tokens: 160 },
  };
  const response = await fetch(`${env.FAKE_LLM_URL}/__fake/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ contains: marker, status: 200, times: 0, body: completion }),
  });
  if (!response.ok) throw new Error(`fault not accepted: ${await response.text()}`);
}
