import type { RunProgress } from './api-types.ts';

const WIDTH = 30;

export const isFinished = (progress: RunProgress) =>
  progress.status === 'done' || progress.status === 'failed' || progress.status === 'cancelled';

export function percent(progress: RunProgress): number {
  if (isFinished(progress)) return 100;
  if (progress.total <= 0) return 0;
  const ended = progress.done + progress.failed + progress.cancelled;
  // 100% is kept for a finished run; a run still reducing has all jobs ended but no result yet.
  return Math.min(99, Math.floor((ended * 100) / progress.total));
}

export function renderBar(progress: RunProgress): string {
  const pct = percent(progress);
  const filled = Math.round((pct * WIDTH) / 100);
  const bar = `${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}`;
  const counts = `${progress.done}/${progress.total} done, ${progress.failed} failed, ${progress.running} running, ${progress.queued} queued`;
  const cost = `$${(progress.costMicros / 1_000_000).toFixed(4)}`;
  return `[${bar}] ${String(pct).padStart(3)}%  ${counts}  ${cost}  ${progress.status}`;
}

/** Redraws one line on a terminal; elsewhere prints a line per change, so logs stay readable. */
export function progressPrinter(stream: NodeJS.WriteStream): { update(progress: RunProgress): void; end(): void } {
  let last = '';
  return {
    update(progress) {
      const line = renderBar(progress);
      if (line === last) return;
      last = line;
      if (stream.isTTY) stream.write(`\r${line}\u001b[K`);
      else stream.write(`${line}\n`);
    },
    end() {
      if (stream.isTTY && last) stream.write('\n');
    },
  };
}
