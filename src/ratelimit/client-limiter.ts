import { BoundedCache } from '../lib/bounded-cache';
import { pause } from '../lib/pause';
import {
  type Block,
  type Booking,
  type ClientState,
  type Decision,
  giveBack,
  type LimiterScope,
  maxBlock,
  newState,
  observe,
  outstanding,
  refused,
  settle,
  takeUnused,
} from './limiter-state';
import { type Grant, holdMs, LocalWindowStore, type WindowSpec, type WindowStore } from './window';

/** One client under one limit, as a check sees it. */
interface Client {
  key: string;
  spec: WindowSpec;
  state: ClientState;
  scope: LimiterScope;
}

/**
 * Per-isolate front of the window stores. Each request costs its client one token: a client asking
 * less than once per hold draws single tokens; a busier one draws blocks sized to its observed
 * rate, the next while the last still serves. Tokens left when a hold ends go back to the store
 * with the client's next draw (one round trip), so a client that returns never loses them; one
 * that never returns leaves at most a block booked until its window passes.
 * When Redis fails or is known down, the same limit is kept in this isolate's memory instead.
 */
export class ClientLimiter {
  private readonly clients = new BoundedCache<string, ClientState>({ maxEntries: 10_000, ttlMs: 86_400_000 });
  readonly local = new LocalWindowStore();

  constructor(private readonly clock: () => number = Date.now) {}

  async check(identifier: string, spec: WindowSpec, scope: LimiterScope): Promise<Decision> {
    const key = `${identifier}|${spec.limit}/${spec.windowMs}`;
    const client: Client = { key, spec, state: this.stateFor(key, spec), scope };
    const { state } = client;
    const size = Math.min(maxBlock(spec), observe(state, this.clock(), holdMs(spec)));
    for (;;) {
      const now = this.clock();
      settle(state, spec, now);
      // Refused until then, unless tokens are owed back: handing them back may make room.
      if (now < state.refusedUntil && state.unused.length === 0) return refused(spec, state.refusedUntil);
      const block = state.blocks[0];
      if (block) {
        block.left -= 1;
        this.drawAheadIfLow(client, size);
        return this.allowed(client, block);
      }
      if (state.drawing === 0) break;
      await pause();
    }
    const now = this.clock();
    const { grant, store } = await this.draw(client, size, now, now);
    if (grant.granted === 0) {
      // Until then nothing this isolate booked stops counting; asking again would only cost a call.
      state.refusedUntil = grant.resetAt;
      return refused(spec, grant.resetAt);
    }
    const booking = { bucket: grant.bucket, store };
    if (grant.granted > 1) state.blocks.push(this.block(spec, booking, now, grant.granted - 1));
    return this.allowed(client, booking);
  }

  private stateFor(key: string, spec: WindowSpec): ClientState {
    const now = this.clock();
    const state = this.clients.get(key, now) ?? newState(now, spec.limit);
    // Kept a window past its last request: after that nothing it booked still counts.
    this.clients.set(key, state, now, spec.windowMs + 2 * holdMs(spec));
    return state;
  }

  /**
   * Books up to `want` tokens, handing back what the client owes the same store. A single token
   * is booked at `bookOne` (now, when it is used at once); more at the end of their hold.
   */
  private async draw(client: Client, want: number, now: number, bookOne: number) {
    const { key, spec, state, scope } = client;
    const draw = { key, spec, now, want, bookOne, bookMany: now + holdMs(spec) };
    const shared = scope.shared;
    state.drawing += 1;
    try {
      let taken: { grant: Grant; store: WindowStore } | undefined;
      if (shared) {
        // Not put back if the call fails: it may have reached Redis, and a second hand-back would loosen the limit.
        const refunds = takeUnused(state, shared.store);
        const answer = await shared.outage.attempt('rate_limit', scope.log, () =>
          shared.store.take({ ...draw, refunds }),
        );
        if (answer) taken = { grant: answer.value, store: shared.store };
      }
      taken ??= {
        grant: await this.local.take({ ...draw, refunds: takeUnused(state, this.local) }),
        store: this.local,
      };
      state.storeRemaining = Math.max(0, taken.grant.remaining);
      return taken;
    } finally {
      state.drawing -= 1;
    }
  }

  private block(spec: WindowSpec, booking: Booking, now: number, tokens: number): Block {
    return { ...booking, left: tokens, expires: now + holdMs(spec) };
  }

  /** Draws the next block in the background once the tokens held run low, so a busy client never waits. */
  private drawAheadIfLow(client: Client, size: number): void {
    const { state, spec, scope } = client;
    const held = state.blocks.reduce((sum, block) => sum + block.left, 0);
    if (size < 2 || held > size / 2 || state.drawing > 0) return;
    const now = this.clock();
    const work = this.draw(client, size, now, now + holdMs(spec))
      .then(({ grant, store }) => {
        // A refusal is left for the next request to meet itself.
        if (grant.granted > 0) state.blocks.push(this.block(spec, { bucket: grant.bucket, store }, now, grant.granted));
      })
      .catch((error: unknown) => scope.log.warn('rate limit block not drawn', { error: String(error) }));
    scope.background(work);
  }

  private allowed({ spec, state }: Client, booking: Booking): Decision {
    let released = false;
    return {
      allowed: true,
      limit: spec.limit,
      remaining: state.storeRemaining + outstanding(state),
      resetAt: this.clock() + spec.windowMs,
      release: () => {
        if (released) return;
        released = true;
        giveBack(state, booking, 1);
      },
    };
  }
}
