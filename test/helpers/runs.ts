import type { z } from '@hono/zod-openapi';
import type { RunViewSchema } from '../../workers/api/schemas/runs';
import { workerFetch } from './fetch';
import { ownerKey } from './keys';

export type RunView = z.infer<typeof RunViewSchema>;

const auth = { authorization: `Bearer ${ownerKey}` };

export async function startTask(name: string, body: unknown) {
  return workerFetch(`/api/tasks/${name}/run`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export async function runView(id: string): Promise<RunView> {
  return (await (await workerFetch(`/api/runs/${id}`, { headers: auth })).json()) as RunView;
}

/** Polls a run until it ends, calling `sample` with each view on the way. */
export async function waitForRun(
  id: string,
  timeoutMs = 60_000,
  sample: (view: RunView) => void = () => {},
): Promise<RunView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await runView(id);
    sample(view);
    if (['done', 'failed', 'cancelled'].includes(view.status) || Date.now() > deadline) return view;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export async function putTask(name: string, yaml: string) {
  return workerFetch(`/api/tasks/${name}`, {
    method: 'PUT',
    headers: { ...auth, 'content-type': 'application/yaml' },
    body: yaml,
  });
}
