// A swarm run of SWARM_JOBS jobs (100,000 unless set) under local `wrangler dev`, each job one call
// through the router to the fake LLM: wall time, jobs per second, peak memory, where the CPU went,
// and whether the run's cost equals what the Postgres spend ledger recorded for it.
import { startBenchBacking } from './lib/backing.ts';
import { requireHealthy } from './lib/health.ts';
import { type ProcessReading, processTree } from './lib/proc-tree.ts';
import { describeMachine, writeSection } from './lib/report.ts';
import { snapshotWorkingTree } from './lib/source-snapshot.ts';
import { waitForRunSpend } from './lib/spend-ledger.ts';
import { ENDED, type RunView, swarmApi } from './lib/swarm-api.ts';
import { sampleTree } from './lib/tree-sampler.ts';
import { startWranglerDev, type WranglerDev } from './lib/wrangler-dev.ts';
import { type Progress, renderSwarm, type SwarmResult } from './swarm-render.ts';
import { MAX_JOBS, probeInputs, probeTaskYaml, TASK_NAME } from './swarm-task.ts';

export const name = 'swarm';

// Jobs on the queue at once; locally Miniflare delivers one batch of up to 100 at a time.
const MAX_IN_FLIGHT = Number(process.env.SWARM_MAX_IN_FLIGHT ?? 100);
const TIMEOUT_MINUTES = Number(process.env.SWARM_TIMEOUT_MINUTES ?? 15);
const LEDGER_WAIT_SECONDS = 300;
const STALL_SECONDS = 120;
const log = (line: string) => console.log(`[${name}] ${line}`);

function jobCount(): number {
  const jobs = Number(process.env.SWARM_JOBS ?? MAX_JOBS);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > MAX_JOBS) throw new Error(`SWARM_JOBS must be 1..${MAX_JOBS}`);
  return jobs;
}

function labeller(wranglerPid: number) {
  return (reading: ProcessReading): string => {
    if (reading.pid === wranglerPid) return 'node: `wrangler.js` launcher';
    if (reading.args.includes('wrangler-dist/cli.js')) return 'node: wrangler (`cli.js`)';
    return reading.command;
  };
}

function signingKeys(): string {
  const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
  return JSON.stringify([{ kid: 'bench', secret }]);
}

const workerdPids = (root: number) =>
  processTree(root)
    .filter((reading) => reading.command === 'workerd')
    .map((reading) => reading.pid)
    .sort()
    .join(',');

/**
 * Polls the run once a second until it ends, the deadline passes, or no job has ended for
 * STALL_SECONDS (a workerd restart loses Miniflare's in-memory queue, and the run with it).
 */
async function follow(dev: WranglerDev, api: ReturnType<typeof swarmApi>, runId: string, started: number) {
  const deadline = started + TIMEOUT_MINUTES * 60_000;
  const workerdAtStart = workerdPids(dev.pid);
  const timeline: Progress[] = [];
  let view: RunView;
  let jobsEndedMs: number | undefined;
  let lastChangeMs = 0;
  let stalled = false;
  for (;;) {
    view = await api.run(runId);
    const ms = performance.now() - started;
    const ended = view.done + view.failed;
    if (ended !== timeline.at(-1)?.ended) lastChangeMs = ms;
    timeline.push({ ms, ended });
    if (jobsEndedMs === undefined && ended === view.total) jobsEndedMs = ms;
    if (timeline.length % 15 === 0 || ENDED.has(view.status))
      log(
        `${Math.round(ms / 1000)} s: ${view.status}, ${view.done} done, ${view.failed} failed, ${view.queued} queued`,
      );
    stalled = !ENDED.has(view.status) && ms - lastChangeMs > STALL_SECONDS * 1000;
    if (ENDED.has(view.status) || stalled || performance.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const restarted = workerdPids(dev.pid) !== workerdAtStart;
  if (stalled) log(`no job ended for ${STALL_SECONDS} s${restarted ? '; wrangler dev had restarted workerd' : ''}`);
  const outputLines = dev.outputLines();
  return { view, timeline, jobsEndedMs, wallMs: performance.now() - started, outputLines, stalled, restarted };
}

export async function run(): Promise<void> {
  const jobs = jobCount();
  const machine = await describeMachine();
  const source = snapshotWorkingTree();
  log(`serving a copy of the working tree (${source.revision}) from ${source.path}`);
  const backing = await startBenchBacking(log);
  let dev: WranglerDev | undefined;
  try {
    const vars = {
      ...backing.vars,
      JWT_SIGNING_KEYS: signingKeys(),
      // Progress polling and the task calls go through the API's per-client rate limit.
      RATE_LIMIT_REQUESTS: '1000000',
      RATE_LIMIT_WINDOW_SECONDS: '60',
    };
    dev = await startWranglerDev({ vars, projectDir: source.path, log });
    await requireHealthy(dev.url);
    const api = swarmApi(dev.url, backing.ownerKey);
    await api.putTask(TASK_NAME, probeTaskYaml(MAX_IN_FLIGHT));
    const inputs = probeInputs(jobs);
    const sampler = sampleTree(dev.pid, labeller(dev.pid));
    const outputBefore = dev.outputLines();
    log(`starting a run of ${jobs} jobs (timeout ${TIMEOUT_MINUTES} min)`);
    const started = performance.now();
    const runId = await api.startRun(TASK_NAME, inputs);
    const acceptedMs = performance.now() - started;
    const followed = await follow(dev, api, runId, started);
    const usage = sampler.stop();
    const finished = ENDED.has(followed.view.status);
    log(`reading the spend ledger of run ${runId}`);
    const ledger = await waitForRunSpend(
      backing.services,
      runId,
      followed.view.done,
      finished ? LEDGER_WAIT_SECONDS : 10,
    );
    const result: SwarmResult = {
      jobs,
      runId,
      maxInFlight: MAX_IN_FLIGHT,
      timeoutMinutes: TIMEOUT_MINUTES,
      stallSeconds: STALL_SECONDS,
      acceptedMs,
      ...followed,
      finished,
      outputLines: followed.outputLines - outputBefore,
      ledger: ledger.spend,
      ledgerWaitedMs: ledger.waitedMs,
      usage,
      cores: machine.cores,
      postgres: backing.postgres,
      redis: backing.redis,
      revision: source.revision,
    };
    log(
      `${followed.view.status} after ${Math.round(followed.wallMs / 1000)} s; ledger ${JSON.stringify(ledger.spend)}`,
    );
    await writeSection({ name, title: 'Swarm throughput', machine, body: renderSwarm(result) });
  } catch (error) {
    if (dev) log(`wrangler's last lines:\n${dev.output().slice(-40).join('\n')}`);
    throw error;
  } finally {
    await dev?.stop();
    await backing.close();
    source.remove();
  }
}
