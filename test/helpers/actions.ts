import { workerFetch } from './fetch';
import { ownerKey } from './keys';

export const postAction = (body: unknown, key = ownerKey) =>
  workerFetch('/api/action', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

export interface ActionView {
  id: string;
  status: string;
  agents: string[];
  result: string | null;
  error: string | null;
  costMicros: number;
  conversationId: string | null;
}

/** Polls an action until the queue consumer has finished it. */
export async function waitForAction(id: string, key = ownerKey, timeoutMs = 20_000): Promise<ActionView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await workerFetch(`/api/actions/${id}`, { headers: { authorization: `Bearer ${key}` } });
    const view = (await response.json()) as ActionView;
    if (view.status === 'done' || view.status === 'failed' || Date.now() > deadline) return view;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
