import { pause } from './pause';

interface Flight<T> {
  done: boolean;
  value?: T;
  failed?: boolean;
  error?: unknown;
}

/**
 * Concurrent callers asking for the same key share one load instead of each starting their
 * own: a cold isolate hit by a burst makes one query, not hundreds. Waiters poll a flag rather
 * than await the loader's promise, because the Workers runtime refuses to resolve a promise
 * from one request's context inside another's.
 */
export function singleFlight<T>() {
  const inFlight = new Map<string, Flight<T>>();
  return async (key: string, load: () => Promise<T>): Promise<T> => {
    const running = inFlight.get(key);
    if (running) {
      while (!running.done) await pause();
      if (running.failed) throw running.error;
      return running.value as T;
    }
    const flight: Flight<T> = { done: false };
    inFlight.set(key, flight);
    try {
      flight.value = await load();
      return flight.value;
    } catch (error) {
      flight.failed = true;
      flight.error = error;
      throw error;
    } finally {
      flight.done = true;
      inFlight.delete(key);
    }
  };
}
