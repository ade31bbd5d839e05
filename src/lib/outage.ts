import type { Logger } from '../observability/logger';
import { errorMessage } from './error-message';

/**
 * One isolate's view of whether a dependency answers. A failed call marks it down; while it is
 * down callers take their fallback at once instead of each waiting for a timeout, and one call
 * every `retryMs` tries the dependency again. Outages and fallbacks are counted for /metrics.
 */
export class Outage {
  private downSince: number | undefined;
  private nextTry = 0;

  constructor(
    readonly dependency: string,
    private readonly retryMs: number,
  ) {}

  get isDown(): boolean {
    return this.downSince !== undefined;
  }

  /**
   * Runs `call` unless the dependency is known to be down. Undefined when it is down or `call`
   * fails: the caller then takes its fallback for `use` (counted under that name).
   */
  async attempt<T>(use: string, log: Logger, call: () => Promise<T>): Promise<{ value: T } | undefined> {
    if (this.downSince !== undefined) {
      if (Date.now() < this.nextTry) return this.fellBack(use);
      // This call is the trial; calls that come while it runs keep falling back.
      this.nextTry = Date.now() + this.retryMs;
    }
    try {
      const value = await call();
      if (this.downSince !== undefined) {
        log.info('dependency answers again', { dependency: this.dependency, downMs: Date.now() - this.downSince });
        this.downSince = undefined;
      }
      return { value };
    } catch (error) {
      if (this.downSince === undefined) {
        this.downSince = Date.now();
        count(outagesStarted, this.dependency);
        log.warn('dependency unavailable, using fallbacks', {
          dependency: this.dependency,
          use,
          error: errorMessage(error),
        });
      }
      this.nextTry = Date.now() + this.retryMs;
      return this.fellBack(use);
    }
  }

  private fellBack(use: string): undefined {
    count(fallbacks, `${this.dependency}|${use}`);
    return undefined;
  }
}

// Keys are dependency names and fixed use names from the code, so these maps stay small.
const fallbacks = new Map<string, number>();
const outagesStarted = new Map<string, number>();
const count = (counter: Map<string, number>, key: string) => counter.set(key, (counter.get(key) ?? 0) + 1);

/**
 * Endpoints come from config: one per dependency in a deployment, a few more in tests. Capped
 * anyway, so a misbehaving caller cannot grow it; past the cap the oldest is forgotten.
 */
const MAX_TRACKED = 16;
const tracked = new Map<string, Outage>();

/** The shared outage state for one endpoint of a dependency (e.g. one Redis URL). */
export function outageFor(dependency: string, endpoint: string, retryMs: number): Outage {
  const key = `${dependency} ${endpoint}`;
  let outage = tracked.get(key);
  if (!outage) {
    outage = new Outage(dependency, retryMs);
    tracked.set(key, outage);
    const oldest = tracked.keys().next();
    if (tracked.size > MAX_TRACKED && !oldest.done) tracked.delete(oldest.value);
  }
  return outage;
}

export interface OutageStats {
  /** Each dependency this isolate has tracked, and whether one of its endpoints is down now. */
  down: Map<string, boolean>;
  /** Times an endpoint went down, per dependency. */
  outages: Map<string, number>;
  /** Calls that took a fallback, per `dependency|use`. */
  fallbacks: Map<string, number>;
}

export function outageStats(): OutageStats {
  const down = new Map<string, boolean>();
  for (const outage of tracked.values())
    down.set(outage.dependency, (down.get(outage.dependency) ?? false) || outage.isDown);
  return { down, outages: new Map(outagesStarted), fallbacks: new Map(fallbacks) };
}
