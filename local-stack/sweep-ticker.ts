import { errorMessage } from '../src/lib/error-message.ts';

// `wrangler dev` never fires Cron Triggers by itself (only through /__scheduled), so `npm start`
// fires the Worker's one trigger on its schedule: each tick starts the workflows due then and
// sweeps what a killed dev server left unfinished (workflow runs and deferred calls).

const SCHEDULE_TRIGGER = '*/5 * * * *';
const EVERY_MS = 5 * 60_000;
// A first sweep soon after start finds what was already stale while the server was down.
const FIRST_AFTER_MS = 30_000;

export interface SweepTicker {
  stop(): void;
}

export function startSweepTicker(workerUrl: string, log: (line: string) => void): SweepTicker {
  const url = `${workerUrl}/__scheduled?cron=${encodeURIComponent(SCHEDULE_TRIGGER)}`;
  const fire = async () => {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
      if (!response.ok) log(`sweep      tick answered ${response.status}`);
    } catch (error) {
      // Not up yet, or stopping: the next tick tries again.
      log(`sweep      tick not delivered: ${errorMessage(error)}`);
    }
  };
  let interval: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    void fire();
    interval = setInterval(() => void fire(), EVERY_MS);
  }, FIRST_AFTER_MS);
  return {
    stop() {
      clearTimeout(first);
      clearInterval(interval);
    },
  };
}
