// Figures taken while something else keeps the cores busy (a build, a test run) are noise, so
// load waits, for a bounded time, until the machine is close to idle.
import { machineBusyCores } from './cpu.ts';

export interface QuietOptions {
  /** Busy cores below which the machine counts as quiet. */
  thresholdCores?: number;
  maxWaitSeconds?: number;
  /** How long each look at the machine lasts. */
  sampleSeconds?: number;
  log?: (line: string) => void;
}

export const QUIET_CORES = 0.25;

/** Resolves with the busy cores last seen: below the threshold, or whatever it was at the deadline. */
export async function waitForQuiet(options: QuietOptions = {}): Promise<number> {
  const threshold = options.thresholdCores ?? QUIET_CORES;
  const sampleMs = (options.sampleSeconds ?? 1) * 1000;
  const deadline = Date.now() + (options.maxWaitSeconds ?? 60) * 1000;
  let busy = await machineBusyCores(sampleMs);
  while (!(busy < threshold) && Date.now() < deadline) {
    options.log?.(`machine busy (${busy.toFixed(2)} cores in use), waiting for it to settle`);
    busy = await machineBusyCores(Math.max(sampleMs, 3000));
  }
  return busy;
}
