interface BreakerState {
  failures: number;
  openUntil: number;
  /** While half-open, one trial call is let through. */
  trialInFlight: boolean;
}

/**
 * Per-isolate breaker per provider: after `failureThreshold` failures in a row the provider is
 * skipped for `openMs`, then one trial call decides whether it closes again. A retry-after
 * longer than the router waits opens it until then.
 */
export class CircuitBreaker {
  private readonly states = new Map<string, BreakerState>();

  constructor(private readonly settings: { failureThreshold: number; openMs: number }) {}

  private state(key: string): BreakerState {
    let state = this.states.get(key);
    if (!state) {
      state = { failures: 0, openUntil: 0, trialInFlight: false };
      this.states.set(key, state);
    }
    return state;
  }

  /** Whether a call may go to this provider now; claims the trial slot when half-open. */
  allow(key: string, now = Date.now()): boolean {
    const state = this.state(key);
    if (state.openUntil === 0) return true;
    if (now < state.openUntil || state.trialInFlight) return false;
    state.trialInFlight = true;
    return true;
  }

  succeeded(key: string): void {
    this.states.set(key, { failures: 0, openUntil: 0, trialInFlight: false });
  }

  failed(key: string, now = Date.now(), openForMs?: number): void {
    const state = this.state(key);
    state.failures += 1;
    const halfOpen = state.trialInFlight;
    state.trialInFlight = false;
    if (openForMs !== undefined || halfOpen || state.failures >= this.settings.failureThreshold) {
      state.openUntil =
        now +
        Math.max(
          openForMs ?? 0,
          halfOpen || state.failures >= this.settings.failureThreshold ? this.settings.openMs : 0,
        );
    }
  }

  status(key: string, now = Date.now()): 'closed' | 'open' | 'half_open' {
    const state = this.states.get(key);
    if (!state || state.openUntil === 0) return 'closed';
    return now < state.openUntil ? 'open' : 'half_open';
  }
}
