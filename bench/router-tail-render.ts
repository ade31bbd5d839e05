// The router-tail section of docs/benchmarks.md.
import { type Band, type Holdups, LONG_OWN_TURN_MS, LONG_QUEUE_TURN_MS } from './lib/async-trace.ts';
import { cpuTable } from './lib/cpu-table.ts';
import { markdownTable, ms, rate } from './lib/format.ts';
import type { GcCounts } from './lib/gc-tally.ts';
import type { Measurement } from './lib/load.ts';

export interface TracedPath {
  label: string;
  measurement: Measurement;
  bands: Band[];
  holdups: Holdups;
  /** Collections in workerd while this path was measured, warm-up included. */
  gc: GcCounts;
}

/** Calls that reached the Worker while its collections were counted: warm-up and measurement. */
const callsOf = ({ measurement: m }: TracedPath) =>
  m.requests + Object.values(m.warmup.statuses).reduce((sum, count) => sum + count, 0);

const perCall = (total: number, count: number) => (count === 0 ? Number.NaN : total / count);

function gcTable(paths: TracedPath[]): string {
  const header = [
    'Path',
    'Calls',
    'Scavenges per 1,000 calls',
    'Mean scavenge pause ms',
    'Of which weak handles ms',
    'Largest young generation MB',
    'KB per call that outlived a scavenge',
    'Of which promoted',
    'Mark-compacts',
    'Mean mark-compact pause ms',
  ];
  const cells = paths.map((path) => {
    const { gc } = path;
    const calls = callsOf(path);
    return [
      path.label,
      rate(calls),
      (perCall(gc.scavenges, calls) * 1000).toFixed(1),
      ms(perCall(gc.scavengePauseMs, gc.scavenges)),
      ms(perCall(gc.weakHandlesMs, gc.scavenges)),
      String(gc.youngCapacityBytes / 1024 / 1024),
      (perCall(gc.survivedBytes, calls) / 1024).toFixed(2),
      (perCall(gc.promotedBytes, calls) / 1024).toFixed(2),
      String(gc.markCompacts),
      ms(perCall(gc.markCompactPauseMs, gc.markCompacts)),
    ];
  });
  return markdownTable(header, cells, [false, true, true, true, true, true, true, true]);
}

function holdupsTable(paths: TracedPath[]): string {
  const header = [
    'Path',
    'Calls traced',
    `With an own JS turn over ${LONG_OWN_TURN_MS} ms, per 1,000`,
    `Meeting a queue consumer turn over ${LONG_QUEUE_TURN_MS} ms, per 1,000`,
  ];
  const cells = paths.map(({ label, holdups: h }) => [
    label,
    rate(h.calls),
    h.longOwnTurnPerThousand.toFixed(1),
    h.longQueueTurnPerThousand.toFixed(1),
  ]);
  return markdownTable(header, cells, [false, true, true, true]);
}

const rest = (band: Band) => band.latencyMs - band.ownMs - band.upstreamMs;

function bandsTable(paths: TracedPath[]): string {
  const header = [
    'Path',
    'Band of response time',
    'Requests',
    'Response ms',
    'Own JS turns ms',
    'Upstream wait ms',
    'Thread on other contexts during the wait ms',
    'Rest ms',
  ];
  const cells = paths.flatMap(({ label, bands }) =>
    bands.map((band) => [
      label,
      band.label,
      rate(band.requests),
      ms(band.latencyMs),
      ms(band.ownMs),
      ms(band.upstreamMs),
      ms(band.othersDuringUpstreamMs),
      ms(rest(band)),
    ]),
  );
  return markdownTable(header, cells, [false, false, true, true, true, true, true, true]);
}

function latencyTable(paths: TracedPath[]): string {
  const cells = paths.map(({ label, measurement: m }) => [
    label,
    rate(m.requestsPerSecond),
    ms(m.p50Ms),
    ms(m.p99Ms),
    String(m.non2xx + m.errors),
  ]);
  return markdownTable(['Path (traced)', 'req/s', 'p50 ms', 'p99 ms', 'Failed'], cells, [
    false,
    true,
    true,
    true,
    true,
  ]);
}

/** The slowest band against the fastest, in words, for the path through the router. */
function reading(paths: TracedPath[]): string {
  const routed = paths.find((path) => path.label === 'Through the router');
  const worker = paths.find((path) => path.label.startsWith('Direct from a Worker'));
  const slow = routed?.bands.at(-1);
  const fast = routed?.bands[0];
  const workerSlow = worker?.bands.at(-1);
  if (!slow || !fast || !workerSlow) return '';
  return [
    `Through the router, the slowest 1 % of calls took ${ms(slow.latencyMs)} ms on average against`,
    `${ms(fast.latencyMs)} ms for the fastest half: their own JS turns grew from ${ms(fast.ownMs)} to`,
    `${ms(slow.ownMs)} ms and their wait on the upstream from ${ms(fast.upstreamMs)} to ${ms(slow.upstreamMs)} ms,`,
    `while the isolate thread ran other contexts for ${ms(slow.othersDuringUpstreamMs)} ms of that wait. The`,
    `slowest 1 % of the Worker's direct calls waited ${ms(workerSlow.upstreamMs)} ms on the same upstream.`,
  ].join(' ');
}

export function renderRouterTail(paths: TracedPath[], context: { seconds: number; primeSeconds: number }): string {
  return [
    `The two calls the router-overhead goals compare (the bare Worker's call through the SDK, and the`,
    `routed call) at 1 connection, each primed for ${context.primeSeconds} s first as in that section, then measured for`,
    `${context.seconds} s after a warm-up that`,
    'the bands leave out, served by a workerd started with `--async-trace`. The trace records every JS',
    'turn on the isolate thread and every I/O operation with its context, so each incoming request',
    'splits into:',
    '',
    "- **Own JS turns**: time the thread ran this request's JavaScript before its response was ready.",
    '- **Upstream wait**: from sending the chat completion to the fake upstream until its response headers,',
    "  less this request's own turns meanwhile.",
    '- **Thread on other contexts during the wait**: turns of anything else in workerd meanwhile',
    "  (Miniflare's outbound Worker that every `fetch` passes, the budget ledger object, the queue).",
    "- **Rest**: the remainder: reading the body, awaits on Redis or the ledger, and the runtime's own work.",
    '',
    'Tracing slows workerd down, so these response times are higher than in the router-overhead',
    'section; read the split between bands and between the two paths.',
    '',
    latencyTable(paths),
    '',
    bandsTable(paths),
    '',
    reading(paths),
    '',
    "Garbage collections in workerd (every isolate, from V8's `--trace-gc-nvp`) while each path ran. A",
    'scavenge or mark-compact stops the isolate thread, so it lands in the own JS turns of the call',
    "that is running. Copying what outlived it is a small part of a scavenge's pause here; most of",
    "it goes to weak global handles, the runtime's wrappers of the native objects (requests,",
    'responses, headers, streams, signals) made since the last scavenge, each visited and finalised',
    'once dead. So the pause grows with the calls since the last scavenge, that is with the young',
    'generation, which V8 grows as objects outlive scavenges; what a scavenge promotes waits for the',
    'next mark-compact. `docs/latency-notes.md` reads these figures.',
    '',
    gcTable(paths),
    '',
    'What held calls up, counted per call. A p99 is the slowest of every hundred calls, so once',
    "more than 10 in 1,000 meet a hold-up, the p99 is that hold-up's length. Most own turns",
    'over the threshold have a collection in them; the queue consumer is the spend ledger and audit',
    'writer, which runs in the same isolate.',
    '',
    holdupsTable(paths),
    '',
    "CPU in use while measuring, in cores (of the machine's), as in the router-overhead section.",
    '',
    cpuTable(paths.map(({ label, measurement }) => ({ label, connections: 1, measurement }))),
  ].join('\n');
}
