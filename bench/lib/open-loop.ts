// measureOpenLoop(): HTTP load at a fixed arrival rate, the other half of load.ts's closed loop.
// A closed loop sends the next request only when one is answered, so a slow server slows the
// load and hides its own stalls; here the schedule does not wait, and latency runs from each
// request's scheduled time. The client runs in a child process (open-loop-client.ts).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type CpuSnapshot, coresUsed, cpuSnapshot } from './cpu.ts';
import { defaultWarmupSeconds } from './load.ts';
import type { OpenLoopRequest, OpenLoopResult } from './open-loop-types.ts';
import { QUIET_CORES, waitForQuiet } from './quiet.ts';

export type { OpenLoopResult } from './open-loop-types.ts';

export interface OpenLoopOptions
  extends Pick<OpenLoopRequest, 'url' | 'method' | 'body' | 'headers' | 'rate' | 'durationSeconds'>,
    Partial<Pick<OpenLoopRequest, 'arrivals' | 'warmupSeconds' | 'sockets' | 'timeoutMs'>> {
  /** More processes whose CPU use to report, by label, e.g. { workerd: pid }. */
  processes?: Record<string, number>;
  /** Longest wait for an idle machine before starting (0 starts at once). */
  settleSeconds?: number;
}

export interface OpenLoopMeasurement extends OpenLoopResult {
  rate: number;
  arrivals: OpenLoopRequest['arrivals'];
  /** Cores in use while measuring, as in load.ts's Measurement, with `before`. */
  cores: Record<string, number>;
}

const clientPath = fileURLToPath(new URL('./open-loop-client.ts', import.meta.url));

const resultSchema = z.object({
  scheduled: z.number(),
  achievedRate: z.number(),
  p50Ms: z.number(),
  p90Ms: z.number(),
  p99Ms: z.number(),
  maxMs: z.number(),
  non2xx: z.number(),
  errors: z.number(),
  lateSends: z.number(),
  maxSendLagMs: z.number(),
});

const SOCKETS = 128;

export async function measureOpenLoop(options: OpenLoopOptions): Promise<OpenLoopMeasurement> {
  const { processes = {}, settleSeconds = 0, ...load } = options;
  const request: OpenLoopRequest = {
    arrivals: 'poisson',
    warmupSeconds: defaultWarmupSeconds,
    // A bounded pool: latency runs from each request's scheduled time, so a wait for a socket is
    // charged to the server all the same. A pool as large as the rate made workerd accept thousands
    // of new connections during any stall (work Cloudflare's edge does in production), and that
    // turned a stall into a collapse: `GET /api/brains` at 3,347 req/s had a p50 of 10 s with
    // 3,347 sockets and a p99 of 61 ms with 128, same code, same rate.
    sockets: SOCKETS,
    timeoutMs: 10_000,
    ...load,
  };
  const before = settleSeconds > 0 ? await waitForQuiet({ maxWaitSeconds: settleSeconds }) : Number.NaN;
  if (before >= QUIET_CORES) console.warn(`[open-loop] ${load.url}: starting on a busy machine`);
  const limitMs = (request.warmupSeconds + request.durationSeconds) * 1000 + 2 * request.timeoutMs + 30_000;
  const result = await new Promise<OpenLoopMeasurement>((resolve, reject) => {
    const child = spawn(process.execPath, [clientPath], { stdio: ['pipe', 'pipe', 'inherit'] });
    const killChild = () => child.kill('SIGKILL');
    process.once('exit', killChild);
    const timer = setTimeout(killChild, limitMs);
    const pids = (): Record<string, number> => ({ ...processes, client: child.pid ?? -1, runner: process.pid });
    let start: CpuSnapshot | undefined;
    let measurement: OpenLoopMeasurement | undefined;
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'measuring') {
        start = cpuSnapshot(pids());
        return;
      }
      try {
        const cores = start ? coresUsed(start, cpuSnapshot(pids())) : {};
        measurement = {
          ...resultSchema.parse(JSON.parse(line)),
          rate: request.rate,
          arrivals: request.arrivals,
          cores,
        };
      } catch (error) {
        reject(error);
      }
      child.stdin.end();
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      process.off('exit', killChild);
      if (measurement && code === 0) resolve(measurement);
      else reject(new Error(`open-loop client for ${load.url} ended with ${signal ?? code} and no result`));
    });
    child.stdin.write(`${JSON.stringify(request)}\n`);
  });
  return { ...result, cores: { ...result.cores, before } };
}
