// Reads workerd's async activity trace (`workerd serve --async-trace FILE`): one JSON object per
// line for each context (a request to a Worker, a Durable Object call), each JS turn on the
// isolate thread, and each I/O operation, with nanosecond timestamps. From it, every incoming
// request of one Worker is split into the time its own JS ran, the time it waited on its upstream
// fetch, and what the thread ran for other contexts during that wait.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

interface TraceEvent {
  e: string;
  ctx?: number;
  id?: number;
  worker?: string;
  actor?: string | null;
  kind?: string;
  name?: string;
  trigger?: number;
  at?: number;
  start?: number;
  end?: number;
  k?: string;
  v?: string;
}

interface Span {
  start: number;
  end: number;
}

interface Operation extends Span {
  url?: string;
}

export interface TracedRequest {
  /** When the request reached the Worker and when its handler's response was ready, in ns. */
  start: number;
  end: number;
  /** JS turns of the request itself before the response, in ms. */
  ownMs: number;
  /**
   * Fetches to the upstream (URLs matching `upstream`), from send to response headers, less the
   * request's own turns in that time (the turn that sends goes on after the send), in ms.
   */
  upstreamMs: number;
  /** Turns of other contexts (other Workers, Durable Objects, Miniflare's own) during those fetches, in ms. */
  othersDuringUpstreamMs: number;
  /** The request's longest own JS turn, in ms: a garbage collection stops the thread inside one. */
  longestOwnTurnMs: number;
  /** The longest turn of a queue consumer of any Worker that ran while the request was open, in ms. */
  longestQueueTurnMs: number;
}

interface Collected {
  workerOf: Map<number, string>;
  /** Contexts that are a queue consumer's batch. */
  queueContexts: Set<number>;
  turns: Array<Span & { ctx: number }>;
  requests: Map<number, { start: number; responseId?: number; end?: number }>;
  operations: Map<string, Operation>;
  opsByCtx: Map<number, Operation[]>;
}

const NS_PER_MS = 1e6;

async function collect(path: string): Promise<Collected> {
  const c: Collected = {
    workerOf: new Map(),
    queueContexts: new Set(),
    turns: [],
    requests: new Map(),
    operations: new Map(),
    opsByCtx: new Map(),
  };
  const responseOf = new Map<string, number>();
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (!line) continue;
    const event = JSON.parse(line) as TraceEvent;
    const ctx = event.ctx ?? -1;
    const key = `${ctx}:${event.id}`;
    if (event.e === 'ctx') c.workerOf.set(ctx, event.actor ? `${event.worker} (object)` : (event.worker ?? '?'));
    else if (event.e === 'turn') c.turns.push({ ctx, start: event.start ?? 0, end: event.end ?? 0 });
    else if (event.e === 'init') {
      const at = event.at ?? 0;
      // Incoming HTTP requests only: queue batches and RPC calls are contexts of the same Worker.
      if (event.kind === 'request' && event.name === 'fetch' && event.trigger === 0) c.requests.set(ctx, { start: at });
      if (event.kind === 'request' && event.name === 'queue' && event.trigger === 0) c.queueContexts.add(ctx);
      // The handler's first await hands its promise to the runtime: it settles with the response.
      const request = c.requests.get(ctx);
      if (event.kind === 'js_to_kj' && request && request.responseId === undefined && event.trigger !== 0) {
        request.responseId = event.id;
        responseOf.set(key, ctx);
      }
      if (event.kind === 'operation' && event.name === 'fetch') c.operations.set(key, { start: at, end: at });
    } else if (event.e === 'annotate' && event.k === 'url.full') {
      const operation = c.operations.get(key);
      if (operation) operation.url = event.v;
    } else if (event.e === 'settle') {
      const at = event.at ?? 0;
      const responded = responseOf.get(key);
      const request = responded === undefined ? undefined : c.requests.get(responded);
      if (request) request.end = at;
      const operation = c.operations.get(key);
      if (operation) {
        operation.end = at;
        const list = c.opsByCtx.get(ctx) ?? [];
        list.push(operation);
        c.opsByCtx.set(ctx, list);
      }
    }
  }
  c.turns.sort((a, b) => a.start - b.start);
  return c;
}

const overlap = (a: Span, b: Span) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

/** Index of the first turn that starts at or after `at` (turns sorted by start). */
function firstTurnFrom(turns: Span[], at: number): number {
  let low = 0;
  let high = turns.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((turns[middle]?.start ?? 0) < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The longest a turn is assumed to last, to find those that began before a window and ran into it. */
const LONGEST_TURN_NS = 100 * NS_PER_MS;

/** The turns (sorted by start) that overlap `span`. */
function* turnsDuring<T extends Span>(turns: T[], span: Span): Generator<T> {
  for (let i = firstTurnFrom(turns, span.start - LONGEST_TURN_NS); i < turns.length; i++) {
    const turn = turns[i];
    if (!turn || turn.start >= span.end) return;
    yield turn;
  }
}

/**
 * The last `count` incoming requests of `worker` (e.g. `core:user:ai-empire`) that got a response:
 * a measurement's, when it was the last load the worker served.
 */
export async function tracedRequests(
  path: string,
  worker: string,
  upstream: RegExp,
  count: number,
): Promise<TracedRequest[]> {
  const c = await collect(path);
  const turnsByCtx = new Map<number, Span[]>();
  for (const turn of c.turns) {
    const list = turnsByCtx.get(turn.ctx) ?? [];
    list.push(turn);
    turnsByCtx.set(turn.ctx, list);
  }
  const answered = [...c.requests]
    .flatMap(([ctx, { start, end }]) =>
      c.workerOf.get(ctx) === worker && end !== undefined ? [{ ctx, start, end }] : [],
    )
    .sort((a, b) => a.start - b.start)
    .slice(-count);
  const traced: TracedRequest[] = [];
  for (const request of answered) {
    const { ctx } = request;
    const window = { start: request.start, end: request.end };
    const ownTurns = turnsByCtx.get(ctx) ?? [];
    const ownNs = ownTurns.reduce((sum, turn) => sum + overlap(turn, window), 0);
    const longestOwnNs = ownTurns.reduce((longest, turn) => Math.max(longest, overlap(turn, window)), 0);
    let longestQueueNs = 0;
    for (const turn of turnsDuring(c.turns, window)) {
      if (c.queueContexts.has(turn.ctx)) longestQueueNs = Math.max(longestQueueNs, overlap(turn, window));
    }
    const fetches = (c.opsByCtx.get(ctx) ?? []).filter((op) => upstream.test(op.url ?? '') && op.end <= window.end);
    let upstreamNs = 0;
    let othersNs = 0;
    for (const fetch of fetches) {
      upstreamNs += fetch.end - fetch.start - ownTurns.reduce((sum, turn) => sum + overlap(turn, fetch), 0);
      for (const turn of turnsDuring(c.turns, fetch)) {
        if (turn.ctx !== ctx) othersNs += overlap(turn, fetch);
      }
    }
    traced.push({
      start: request.start,
      end: request.end,
      ownMs: ownNs / NS_PER_MS,
      upstreamMs: upstreamNs / NS_PER_MS,
      othersDuringUpstreamMs: othersNs / NS_PER_MS,
      longestOwnTurnMs: longestOwnNs / NS_PER_MS,
      longestQueueTurnMs: longestQueueNs / NS_PER_MS,
    });
  }
  return traced;
}

/** What held calls up, per 1,000 calls: the thresholds sit well above a call's usual turns. */
export interface Holdups {
  calls: number;
  /** Calls with an own JS turn over LONG_OWN_TURN_MS: mostly a collection inside it. */
  longOwnTurnPerThousand: number;
  /** Calls during which a queue consumer ran a turn over LONG_QUEUE_TURN_MS. */
  longQueueTurnPerThousand: number;
}

export const LONG_OWN_TURN_MS = 2.5;
export const LONG_QUEUE_TURN_MS = 1;

export function holdups(requests: TracedRequest[]): Holdups {
  const perThousand = (count: number) => (requests.length === 0 ? Number.NaN : (count * 1000) / requests.length);
  return {
    calls: requests.length,
    longOwnTurnPerThousand: perThousand(requests.filter((r) => r.longestOwnTurnMs > LONG_OWN_TURN_MS).length),
    longQueueTurnPerThousand: perThousand(requests.filter((r) => r.longestQueueTurnMs > LONG_QUEUE_TURN_MS).length),
  };
}

export interface Band {
  label: string;
  requests: number;
  latencyMs: number;
  ownMs: number;
  upstreamMs: number;
  othersDuringUpstreamMs: number;
}

/** Means over bands of response time: the fastest half, p50–p90, p90–p99 and the slowest 1 %. */
export function latencyBands(requests: TracedRequest[]): Band[] {
  const sorted = [...requests].sort((a, b) => a.end - a.start - (b.end - b.start));
  const at = (fraction: number) => Math.floor(sorted.length * fraction);
  const bands: Array<[string, number, number]> = [
    ['Fastest half', 0, at(0.5)],
    ['p50–p90', at(0.5), at(0.9)],
    ['p90–p99', at(0.9), at(0.99)],
    ['Slowest 1 %', at(0.99), sorted.length],
  ];
  return bands.map(([label, from, to]) => {
    const slice = sorted.slice(from, to);
    const mean = (pick: (r: TracedRequest) => number) =>
      slice.length === 0 ? Number.NaN : slice.reduce((sum, r) => sum + pick(r), 0) / slice.length;
    return {
      label,
      requests: slice.length,
      latencyMs: mean((r) => (r.end - r.start) / NS_PER_MS),
      ownMs: mean((r) => r.ownMs),
      upstreamMs: mean((r) => r.upstreamMs),
      othersDuringUpstreamMs: mean((r) => r.othersDuringUpstreamMs),
    };
  });
}
