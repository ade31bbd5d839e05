import { BoundedCache } from '../lib/bounded-cache';
import { pause } from '../lib/pause';
import {
  type Block,
  type Booking,
  type ClientState,
  type Decision,
  held,
  type LimiterScope,
  maxBlock,
  newState,
  observe,
  refused,
} from './limiter-state';
import { type Draw, type Grant, holdMs, LocalWindowStore, type WindowSpec, type WindowStore } from './window';

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
 * rate, the next while the last still serves, and any token left when a hold ends is handed back.
 * When Redis fails or is known down, the same limit is kept in this isolate's memory instead.
 */
export class ClientLimiter {
  private readonly clients = new BoundedCache<string, ClientState>({ maxEntries: 10_000, ttlMs: 86_400_000 });
  readonly local = new LocalWindowStore();

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = pause,
  ) {}

  async check(identifier: string, spec: WindowSpec, scope: LimiterScope): Promise<Decision> {
    const key = `${identifier}|${spec.limit}/${spec.windowMs}`;
    const client: Client = { key, spec, state: this.stateFor(key, spec), scope };
    const { state } = client;
    const size = Math.min(maxBlock(spec), observe(state, this.clock(), holdMs(spec)));
    for (;;) {
      const now = this.clock();
      state.blocks = state.blocks.filter((block) => block.left > 0 && now < block.expires);
      if (now < state.refusedUntil) return refused(spec, state.refusedUntil);
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
    state.drawing += 1;
    const { grant, store } = await this.take(client, {
      key,
      spec,
      now,
      want: size,
      bookOne: now,
      bookMany: now + holdMs(spec),
    }).finally(() => {
      state.drawing -= 1;
    });
    state.storeRemaining = Math.max(0, grant.remaining);
    if (grant.granted === 0) {
      // Until then nothing this isolate booked stops counting; asking again would only cost a call.
      state.refusedUntil = grant.resetAt;
      return refused(spec, grant.resetAt);
    }
    const booking = { bucket: grant.bucket, store };
    if (grant.granted > 1) this.hold(client, booking, now, grant.granted - 1);
    return this.allowed(client, booking);
  }

  private stateFor(key: string, spec: WindowSpec): ClientState {
    const now = this.clock();
    const state = this.clients.get(key, now) ?? newState(now, spec.limit);
    // Kept a window past its last request: after that nothing it booked still counts.
    this.clients.set(key, state, now, spec.windowMs + 2 * holdMs(spec));
    return state;
  }

  private async take({ scope }: Client, draw: Draw): Promise<{ grant: Grant; store: WindowStore }> {
    const shared = scope.shared;
    if (shared) {
      const answer = await shared.outage.attempt('rate_limit', scope.log, () => shared.store.take(draw));
      if (answer) return { grant: answer.value, store: shared.store };
    }
    return { grant: await this.local.take(draw), store: this.local };
  }

  /** Draws the next block in the background once the tokens held run low, so a busy client never waits. */
  private drawAheadIfLow(client: Client, size: number): void {
    const { state, spec, scope } = client;
    if (size < 2 || held(state) > size / 2 || state.drawing > 0) return;
    const now = this.clock();
    const bookAt = now + holdMs(spec);
    state.drawing += 1;
    const draw = this.take(client, { key: client.key, spec, now, want: size, bookOne: bookAt, bookMany: bookAt })
      .then(({ grant, store }) => {
        // A refusal is left for the next request to meet itself.
        if (grant.granted === 0) return;
        state.storeRemaining = Math.max(0, grant.remaining);
        this.hold(client, { bucket: grant.bucket, store }, now, grant.granted);
      })
      .catch((error: unknown) => scope.log.warn('rate limit block not drawn', { error: String(error) }))
      .finally(() => {
        state.drawing -= 1;
      });
    scope.background(draw);
  }

  /** Keeps `tokens` drawn at `now` for this isolate until the hold ends, then hands back the rest. */
  private hold(client: Client, booking: Booking, now: number, tokens: number): void {
    const block: Block = { ...booking, left: tokens, expires: now + holdMs(client.spec) };
    client.state.blocks.push(block);
    const handBack = async () => {
      await this.sleep(Math.max(0, block.expires - this.clock()));
      const unused = block.left;
      block.left = 0;
      if (unused > 0) this.refund(client, block, unused);
    };
    client.scope.background(handBack());
  }

  private refund({ key, spec, state, scope }: Client, { bucket, store }: Booking, tokens: number): void {
    const shared = scope.shared?.store === store ? scope.shared : undefined;
    const work = shared
      ? shared.outage.attempt('rate_limit_refund', scope.log, () => store.refund(key, spec, bucket, tokens))
      : store.refund(key, spec, bucket, tokens).then(() => ({ value: undefined }));
    // Tokens that cannot be handed back stay booked: the limit gets stricter for a window, never looser.
    scope.background(
      work.then((done) => {
        if (done) state.storeRemaining += tokens;
      }),
    );
  }

  private allowed(client: Client, booking: Booking): Decision {
    let released = false;
    return {
      allowed: true,
      limit: client.spec.limit,
      remaining: client.state.storeRemaining + held(client.state),
      resetAt: this.clock() + client.spec.windowMs,
      release: () => {
        if (released) return;
        released = true;
        this.refund(client, booking, 1);
      },
    };
  }
}
