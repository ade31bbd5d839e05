// The swarm routes of the Empire API as a benchmark drives them: save a task, start a run, read it.
import { z } from 'zod';

const runViewSchema = z.object({
  runId: z.string(),
  status: z.string(),
  total: z.number(),
  queued: z.number(),
  running: z.number(),
  done: z.number(),
  failed: z.number(),
  cancelled: z.number(),
  costMicros: z.number(),
  failures: z.array(z.object({ job: z.number(), error: z.string().nullable() })),
});

export type RunView = z.infer<typeof runViewSchema>;

export const ENDED = new Set(['done', 'failed', 'cancelled']);

export interface SwarmApi {
  putTask(name: string, yaml: string): Promise<void>;
  /** Starts a run; resolves with its id once the API has answered 202. */
  startRun(name: string, inputs: Record<string, unknown>): Promise<string>;
  run(id: string): Promise<RunView>;
}

async function expectStatus(response: Response, status: number, what: string): Promise<string> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`${what} answered ${response.status}: ${text.slice(0, 500)}`);
  return text;
}

export function swarmApi(origin: string, ownerKey: string): SwarmApi {
  const auth = { authorization: `Bearer ${ownerKey}` };
  return {
    putTask: async (name, yaml) => {
      const response = await fetch(`${origin}/api/tasks/${name}`, {
        method: 'PUT',
        headers: { ...auth, 'content-type': 'application/yaml' },
        body: yaml,
      });
      await expectStatus(response, 200, `PUT /api/tasks/${name}`);
    },
    startRun: async (name, inputs) => {
      const response = await fetch(`${origin}/api/tasks/${name}/run`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ inputs }),
      });
      const text = await expectStatus(response, 202, `POST /api/tasks/${name}/run`);
      return z.object({ runId: z.string() }).parse(JSON.parse(text)).runId;
    },
    run: async (id) => {
      const response = await fetch(`${origin}/api/runs/${id}`, { headers: auth, signal: AbortSignal.timeout(30_000) });
      const text = await expectStatus(response, 200, `GET /api/runs/${id}`);
      return runViewSchema.parse(JSON.parse(text));
    },
  };
}
