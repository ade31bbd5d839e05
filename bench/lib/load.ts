// measure(): closed-loop HTTP load with autocannon, after a short warm-up that is not counted,
// with the CPU each process used meanwhile. The client runs in a child process (load-client.ts).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type CpuSnapshot, coresUsed, cpuSnapshot } from './cpu.ts';
import type { LoadRequest, LoadResult, Measurement } from './load-types.ts';
import { QUIET_CORES, waitForQuiet } from './quiet.ts';

export type { Measurement } from './load-types.ts';

export interface MeasureOptions {
  url: string;
  /** Concurrent connections, each with one request in flight. */
  connections: number;
  durationSeconds: number;
  /** Uncounted load before the measurement (default defaultWarmupSeconds). */
  warmupSeconds?: number;
  method?: LoadRequest['method'];
  body?: string;
  headers?: Record<string, string>;
  /** End the warm-up and the measurement with no request in flight (see LoadRequest.drain). */
  drain?: boolean;
  /** Add up this numeric field of 2xx JSON bodies (see LoadRequest.sumField). */
  sumField?: string;
  /** More processes whose CPU use to report, by label, e.g. { workerd: pid }. */
  processes?: Record<string, number>;
  /** Longest wait for an idle machine before starting (default 30 s; 0 starts at once). */
  settleSeconds?: number;
  /**
   * Measure again, up to this many times in all (default 1), while unlabelled processes used
   * `maxOtherCores` or more (default 0.1); the least disturbed attempt is returned. Only for
   * routes whose dependencies are all labelled in `processes`: a database server would count.
   */
  attempts?: number;
  maxOtherCores?: number;
}

function secondsFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Per measurement; BENCH_SECONDS shortens it for a trial run. */
export const defaultDurationSeconds = secondsFromEnv('BENCH_SECONDS', 10);
export const defaultWarmupSeconds = secondsFromEnv('BENCH_WARMUP_SECONDS', 2);
/**
 * Uncounted load each Worker serves once, before its first measured round, for latency figures
 * that should describe a Worker in steady service: V8 sizes an isolate's young generation by
 * what outlives its collections, and it takes the Empire isolate tens of thousands of calls to
 * grow it to its working size (docs/latency-notes.md).
 */
export const defaultPrimeSeconds = secondsFromEnv('BENCH_PRIME_SECONDS', 30);

const clientPath = fileURLToPath(new URL('./load-client.ts', import.meta.url));

const tallySchema = z.object({ statuses: z.record(z.string(), z.number()), sum: z.number().nullable() });

const resultSchema = z.object({
  requests: z.number(),
  requestsPerSecond: z.number(),
  p50Ms: z.number(),
  p99Ms: z.number(),
  non2xx: z.number(),
  errors: z.number(),
  tally: tallySchema,
  warmup: tallySchema,
});

// JSON has no NaN: a sum that met a body without the field arrives as null.
const tallyOf = (tally: z.infer<typeof tallySchema>) => ({ ...tally, sum: tally.sum ?? Number.NaN });

function parseResult(line: string): LoadResult {
  const result = resultSchema.parse(JSON.parse(line));
  return { ...result, tally: tallyOf(result.tally), warmup: tallyOf(result.warmup) };
}

const otherCores = (m: Omit<Measurement, 'attempts'>) => m.cores.other ?? Number.POSITIVE_INFINITY;

async function settledMeasurement(
  options: Parameters<typeof measureNow>[0],
  settleSeconds: number,
): Promise<Omit<Measurement, 'attempts'>> {
  const before = settleSeconds > 0 ? await waitForQuiet({ maxWaitSeconds: settleSeconds }) : Number.NaN;
  if (before >= QUIET_CORES) {
    console.warn(`[load] ${options.url}: starting on a busy machine (${before.toFixed(2)} cores in use)`);
  }
  const result = await measureNow(options);
  return { ...result, cores: { ...result.cores, before } };
}

/**
 * Measures once the machine has settled (or the wait ran out). The result records how busy the
 * machine was just before, in `cores.before`.
 */
export async function measure(options: MeasureOptions): Promise<Measurement> {
  const { settleSeconds = 30, attempts = 1, maxOtherCores = 0.1, ...rest } = options;
  let best = await settledMeasurement(rest, settleSeconds);
  let made = 1;
  while (made < attempts && otherCores(best) >= maxOtherCores) {
    console.warn(`[load] ${options.url}: other processes used ${otherCores(best).toFixed(2)} cores, measuring again`);
    const next = await settledMeasurement(rest, settleSeconds);
    made++;
    if (otherCores(next) < otherCores(best)) best = next;
  }
  return { ...best, attempts: made };
}

function measureNow(
  options: Omit<MeasureOptions, 'settleSeconds' | 'attempts' | 'maxOtherCores'>,
): Promise<Omit<Measurement, 'attempts'>> {
  const { processes = {}, ...load } = options;
  const request: LoadRequest = { ...load, warmupSeconds: options.warmupSeconds ?? defaultWarmupSeconds };
  const limitMs = (request.warmupSeconds + request.durationSeconds + 30) * 1000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [clientPath], { stdio: ['pipe', 'pipe', 'inherit'] });
    const killChild = () => child.kill('SIGKILL');
    process.once('exit', killChild);
    const timer = setTimeout(killChild, limitMs);
    const pids = (): Record<string, number> => ({ ...processes, client: child.pid ?? -1, runner: process.pid });
    let start: CpuSnapshot | undefined;
    let measurement: Omit<Measurement, 'attempts'> | undefined;
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'measuring') {
        start = cpuSnapshot(pids());
        return;
      }
      try {
        const end = cpuSnapshot(pids());
        const cores = start ? coresUsed(start, end) : {};
        measurement = { ...parseResult(line), cores };
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
      else reject(new Error(`load client for ${options.url} ended with ${signal ?? code} and no result`));
    });
    child.stdin.write(`${JSON.stringify(request)}\n`);
  });
}
