// The start of a fresh isolate: a new workerd (through Miniflare) given an already-built bundle,
// timed from the start of the process to its first answers. Nothing is warm: no compiled code,
// no module evaluated, no connection open.
import { Miniflare, type WorkerOptions } from 'miniflare';

export interface ColdStartTarget {
  label: string;
  /** The one Worker to serve, from workerOptions(); served under its own name. */
  worker: WorkerOptions;
  /** Requested in order once workerd is ready; each must answer 200. */
  paths: string[];
}

export interface ColdStartSample {
  /** From `new Miniflare()` until workerd listens: process start, script compile, top-level evaluation. */
  readyMs: number;
  /** From `new Miniflare()` until each path's response body has arrived, by path. */
  answeredMs: Record<string, number>;
}

const ignoreLogs = () => {};

export async function coldStart(target: ColdStartTarget): Promise<ColdStartSample> {
  const { name } = target.worker.config;
  const started = performance.now();
  const mf = new Miniflare({
    host: '127.0.0.1',
    port: 0,
    cf: false,
    logRequests: false,
    enableDevRegistry: false,
    telemetry: { enabled: false },
    handleStructuredLogs: ignoreLogs,
    workers: [target.worker],
  });
  try {
    await mf.ready;
    const readyMs = performance.now() - started;
    const origin = (await mf.unsafeGetDirectURL(name)).origin;
    const answeredMs: Record<string, number> = {};
    for (const path of target.paths) {
      const response = await fetch(`${origin}${path}`, { headers: { accept: 'application/json' } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${target.label}: GET ${path} answered ${response.status}`);
      answeredMs[path] = performance.now() - started;
    }
    return { readyMs, answeredMs };
  } finally {
    await mf.dispose();
  }
}
