// The swarm section of docs/benchmarks.md.
import { cores, markdownTable, micros, rate } from './lib/format.ts';
import type { RunSpend } from './lib/spend-ledger.ts';
import type { RunView } from './lib/swarm-api.ts';
import type { LabelUsage, TreeUsage } from './lib/tree-sampler.ts';

export const GOAL_SECONDS = 120;
const TIMELINE_ROWS = 10;

export interface Progress {
  ms: number;
  /** Jobs done or failed so far. */
  ended: number;
}

export interface SwarmResult {
  jobs: number;
  runId: string;
  maxInFlight: number;
  timeoutMinutes: number;
  /** The run was given up on after this long without a job ending. */
  stallSeconds: number;
  stalled: boolean;
  /** workerd's processes were not the same at the end: wrangler restarted them mid-run. */
  restarted: boolean;
  acceptedMs: number;
  view: RunView;
  timeline: Progress[];
  /** When done + failed first reached the total; the run's status ends after the reduce. */
  jobsEndedMs: number | undefined;
  wallMs: number;
  finished: boolean;
  /** Lines `wrangler dev --log-level warn` wrote during the run. */
  outputLines: number;
  ledger: RunSpend;
  ledgerWaitedMs: number;
  usage: TreeUsage;
  cores: number;
  postgres: string;
  redis: string;
  /** The code measured: HEAD, and whether uncommitted changes were in it. */
  revision: string;
}

const right = (columns: number) => [false, ...Array<boolean>(columns - 1).fill(true)];
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')}`;
const check = (held: boolean) => (held ? 'held' : '**failed**');

function outcomeTable(r: SwarmResult): string {
  const { view } = r;
  const ended = view.done + view.failed;
  const jobsPerSecond = ended / (r.wallMs / 1000);
  const met = r.finished && ended === r.jobs && r.wallMs <= GOAL_SECONDS * 1000;
  return markdownTable(
    ['Jobs', 'Run status', 'Done', 'Failed', 'POST answered (s)', 'Jobs ended (s)', 'Wall time (s)', 'Jobs/s', 'Goal'],
    [
      [
        rate(r.jobs),
        r.finished
          ? view.status
          : `**${view.status}** ${r.stalled ? 'when it stalled' : `at the ${r.timeoutMinutes} min timeout`}`,
        rate(view.done),
        rate(view.failed),
        seconds(r.acceptedMs),
        r.jobsEndedMs === undefined ? '–' : seconds(r.jobsEndedMs),
        seconds(r.wallMs),
        rate(jobsPerSecond),
        met ? 'met' : '**missed**',
      ],
    ],
    right(9),
  );
}

function accountingTable(r: SwarmResult): string {
  const { view, ledger } = r;
  return markdownTable(
    ['Check', 'Figures', ''],
    [
      [
        'done + failed = jobs',
        `${rate(view.done)} + ${rate(view.failed)} = ${rate(r.jobs)}`,
        check(view.done + view.failed === r.jobs),
      ],
      [
        "Run's `costMicros` = Σ `cost_micros` of its `spend_ledger` rows (status ok)",
        `${micros(view.costMicros)} = ${micros(ledger.okCostMicros)}`,
        check(view.costMicros === ledger.okCostMicros),
      ],
      [
        '`spend_ledger` rows of the run = done (one model call per job)',
        `${rate(ledger.rows)} = ${rate(view.done)} (${rate(ledger.okCalls)} with status ok)`,
        check(ledger.rows === view.done && ledger.okCalls === view.done),
      ],
    ],
    [false, true, false],
  );
}

function memoryTable(u: TreeUsage): string {
  const rows = [...u.labels]
    .sort((a, b) => b.peakRssBytes - a.peakRssBytes)
    .map((l) => [l.label, String(l.processes), mib(l.peakRssBytes)]);
  rows.push(['all of `wrangler dev` (peak of the sum)', '', mib(u.treePeakRssBytes)]);
  rows.push(['benchmark process (fake LLM, Upstash bridge, Neon proxy)', '1', mib(u.self.peakRssBytes)]);
  return markdownTable(['Process', 'Count', 'Peak RSS (MiB)'], rows, [false, true, true]);
}

// Processes outside `wrangler dev` listed by name; the rest are summed.
const OUTSIDE_ROWS = 5;

function cpuTable(r: SwarmResult): string {
  const u = r.usage;
  const ended = r.view.done + r.view.failed;
  const row = (label: string, cpuSeconds: number) => [
    label,
    cpuSeconds.toFixed(1),
    cores(cpuSeconds / u.seconds),
    ended > 0 ? ((cpuSeconds * 1000) / ended).toFixed(2) : '–',
  ];
  const sum = (labels: LabelUsage[]) => labels.reduce((total, l) => total + l.cpuSeconds, 0);
  const listed = u.outside.slice(0, OUTSIDE_ROWS);
  const interrupts = u.interruptCores * u.seconds;
  const machine = u.machineCores * u.seconds;
  const attributed = sum(u.labels) + u.self.cpuSeconds + sum(u.outside) + interrupts;
  const rows = [
    ...u.labels.map((l) => row(`${l.label} (wrangler dev)`, l.cpuSeconds)),
    row('benchmark process (fake LLM, Upstash bridge, Neon proxy)', u.self.cpuSeconds),
    ...listed.map((l) =>
      row(`${l.label} (${l.processes === 1 ? '1 process' : `up to ${l.processes} processes`})`, l.cpuSeconds),
    ),
    row('every other process', sum(u.outside.slice(OUTSIDE_ROWS))),
    row('interrupts', interrupts),
    row('unattributed (processes that came and went between samples)', machine - attributed),
    row('**machine**', machine),
  ];
  return markdownTable(['Process', 'CPU s', 'Cores (avg)', 'CPU ms / job'], rows, right(4));
}

function timelineTable(timeline: Progress[]): string {
  const last = timeline.at(-1);
  if (!last) return '';
  const step = Math.max(1, Math.ceil(timeline.length / TIMELINE_ROWS));
  const picked = timeline.filter((_, i) => i % step === step - 1 || i === timeline.length - 1);
  let previous: Progress = { ms: 0, ended: 0 };
  const rows = picked.map((point) => {
    const perSecond = (point.ended - previous.ended) / ((point.ms - previous.ms) / 1000);
    previous = point;
    return [seconds(point.ms), rate(point.ended), rate(perSecond)];
  });
  return markdownTable(['Elapsed (s)', 'Jobs ended', 'Jobs/s since the row above'], rows, right(3));
}

function accountingHeld(r: SwarmResult): boolean {
  const { view, ledger } = r;
  return (
    view.done + view.failed === r.jobs &&
    view.costMicros === ledger.okCostMicros &&
    ledger.rows === view.done &&
    ledger.okCalls === view.done
  );
}

function verdict(r: SwarmResult): string {
  const ended = r.view.done + r.view.failed;
  if (r.stalled) {
    const cause = r.restarted
      ? ": `wrangler dev` had restarted workerd during the run, which drops Miniflare's in-memory queue and the jobs in it"
      : '';
    return `**The run stalled**: no job ended for ${r.stallSeconds} s after ${rate(ended)} of ${rate(r.jobs)}${cause}. The figures
below are what it reached.`;
  }
  if (!r.finished) {
    return `**The run did not finish within the ${r.timeoutMinutes} min timeout**: ${rate(ended)} of ${rate(r.jobs)} jobs had ended
(${rate(ended / (r.wallMs / 1000))} jobs/s). The figures below are what it reached.`;
  }
  const inTime = r.wallMs <= GOAL_SECONDS * 1000;
  return `Goal: under ${GOAL_SECONDS} s with done + failed = ${rate(r.jobs)} and cost equal to the ledger: ${
    inTime ? 'the time was met' : `**the time was missed** (${seconds(r.wallMs)} s)`
  }; the accounting ${accountingHeld(r) ? 'held' : '**did not hold**'}.`;
}

// Backing services of the Worker: their CPU is part of the run, not other work on the machine.
const BACKING_COMMANDS = new Set(['postgres', 'redis-server']);

/** Whether the run computed or waited, and whether other work shared the machine. */
function loadNote(r: SwarmResult): string {
  const u = r.usage;
  const perSecond = (labels: LabelUsage[]) => labels.reduce((total, l) => total + l.cpuSeconds, 0) / u.seconds;
  const tree = perSecond(u.labels);
  const foreign = perSecond(u.outside.filter((l) => !BACKING_COMMANDS.has(l.label)));
  const lines = [
    `\`wrangler dev\`'s processes used ${cores(tree)} cores on average and the whole machine ${cores(u.machineCores)} of ${r.cores}.`,
  ];
  // workerd runs every isolate's JavaScript on one thread: near one core, the Worker's CPU per job sets the rate.
  const workerd = perSecond(u.labels.filter((l) => l.label === 'workerd'));
  if (workerd >= 0.85) {
    lines.push(
      `workerd, which runs the Worker's JavaScript on one thread, was busy ${cores(workerd)} of the time: the Worker's`,
      'CPU per job, not waiting, set the rate.',
    );
  } else if (u.machineCores < 0.8 * r.cores) {
    lines.push(
      'The run waited more than it computed: Miniflare hands the consumer one batch at a time, so the time each batch',
      'takes from delivery to settling, not CPU, sets the rate.',
    );
  }
  if (foreign >= 0.1) {
    lines.push(
      `Other work shared the machine (${cores(foreign)} cores on average outside this benchmark, Postgres and Redis),`,
      'so a quiet machine may do somewhat better.',
    );
  }
  return lines.join('\n');
}

export function renderSwarm(r: SwarmResult): string {
  return `One run of ${rate(r.jobs)} jobs, under local **\`wrangler dev\`** (\`--log-level warn\`, state in a temporary
\`--persist-to\` directory) rather than workerd alone: the Worker's queue consumer, the SwarmRun Durable Object
and the router as \`npm start\` runs them. wrangler served a copy of the working tree at \`${r.revision}\`, so that
edits during the run could not restart it. The task is the echo probe of \`test/reactor/swarm.test.ts\`
(\`bench/swarm-task.ts\`): one item per job, one \`research\` call per job through the router (route plan, budget
lease, spend-ledger entry on the queue) to the fake upstream, \`max_in_flight\` ${rate(r.maxInFlight)}. Queue settings
are \`wrangler.toml\`'s (batches of up to 100, 1 s batch timeout); locally Miniflare delivers one batch at a time,
and the consumer runs a batch's jobs side by side (as many at once as \`workers/job-handlers.ts\` allows).
Postgres: ${r.postgres}; Redis (the API's rate limit): ${r.redis}.

Wall time runs from \`POST /api/tasks/:name/run\` to \`GET /api/runs/:id\` (polled once a second) reporting the
run's status as ended, after the concat reduce; jobs/s is jobs ended over that time. wrangler wrote
${rate(r.outputLines)} log lines during the run.

${verdict(r)}

${outcomeTable(r)}

${loadNote(r)}

**Accounting** (run \`${r.runId}\`; the spend-ledger consumer's rows read from Postgres once ${rate(r.view.done)}
were in or the wait ran out, ${seconds(r.ledgerWaitedMs)} s after the run ended):

${accountingTable(r)}

**Progress** (jobs ended, from the same polls):

${timelineTable(r.timeline)}

**Memory**: peak resident set, sampled from \`/proc/<pid>/status\` once a second (${r.usage.samples} samples) over
\`wrangler dev\`'s process tree.

${memoryTable(r.usage)}

**CPU** over the ${seconds(r.usage.seconds * 1000)} s measured, of ${r.cores} cores, per process from \`/proc/<pid>/stat\`
at the same samples; processes outside \`wrangler dev\` and the benchmark process by command name, busiest first.

${cpuTable(r)}`;
}
