// Memory and CPU of a process tree over a long run, read once a second: the peak resident set of
// each kind of process in the tree and the CPU each used, next to this process, the rest of the
// machine by command name (Postgres, Redis, anything else that was busy) and the machine as a whole.
import { type CpuSnapshot, coresUsed, cpuSnapshot } from './cpu.ts';
import { allProcesses, type ProcessReading, processTree } from './proc-tree.ts';

export type Labeller = (reading: ProcessReading) => string;

export interface LabelUsage {
  label: string;
  /** Most processes seen at once under the label. */
  processes: number;
  /** Peak of the label's summed RSS over the samples. */
  peakRssBytes: number;
  cpuSeconds: number;
}

export interface TreeUsage {
  seconds: number;
  samples: number;
  labels: LabelUsage[];
  /** Peak of the whole tree's summed RSS. */
  treePeakRssBytes: number;
  self: LabelUsage;
  /** Processes outside the tree and this one, by command name, busiest first. */
  outside: LabelUsage[];
  /** Average cores busy across the machine, and in interrupt handlers. */
  machineCores: number;
  interruptCores: number;
}

interface PidState {
  label: string;
  first: number;
  last: number;
}

export interface TreeSampler {
  /** Stops sampling and says what was seen. */
  stop(): TreeUsage;
}

class Group {
  readonly pids = new Map<number, PidState>();
  readonly labels = new Map<string, LabelUsage>();

  /** Adds one sample of this group's processes. */
  add(readings: { reading: ProcessReading; label: string }[], first: boolean): number {
    const byLabel = new Map<string, { rss: number; count: number }>();
    let total = 0;
    for (const { reading, label } of readings) {
      const state = this.pids.get(reading.pid);
      // A process started after the first sample used all of its CPU within the run.
      if (state) state.last = reading.cpuSeconds;
      else this.pids.set(reading.pid, { label, first: first ? reading.cpuSeconds : 0, last: reading.cpuSeconds });
      const sum = byLabel.get(label) ?? { rss: 0, count: 0 };
      byLabel.set(label, { rss: sum.rss + reading.rssBytes, count: sum.count + 1 });
      total += reading.rssBytes;
    }
    for (const [label, { rss, count }] of byLabel) {
      const usage = this.labels.get(label) ?? { label, processes: 0, peakRssBytes: 0, cpuSeconds: 0 };
      usage.peakRssBytes = Math.max(usage.peakRssBytes, rss);
      usage.processes = Math.max(usage.processes, count);
      this.labels.set(label, usage);
    }
    return total;
  }

  usage(): LabelUsage[] {
    const labels = [...this.labels.values()].map((usage) => ({ ...usage, cpuSeconds: 0 }));
    for (const state of this.pids.values()) {
      const usage = labels.find((candidate) => candidate.label === state.label);
      if (usage) usage.cpuSeconds += state.last - state.first;
    }
    return labels.sort((a, b) => b.cpuSeconds - a.cpuSeconds);
  }
}

export function sampleTree(root: number, label: Labeller, intervalMs = 1_000): TreeSampler {
  const tree = new Group();
  const self = new Group();
  const outside = new Group();
  let treePeak = 0;
  let samples = 0;
  const startedCpu: CpuSnapshot = cpuSnapshot({});

  const sample = (first: boolean) => {
    samples++;
    const readings = allProcesses();
    const inTree = processTree(root, readings);
    const treePids = new Set(inTree.map((reading) => reading.pid));
    treePeak = Math.max(
      treePeak,
      tree.add(
        inTree.map((reading) => ({ reading, label: label(reading) })),
        first,
      ),
    );
    const mine = readings.filter((reading) => reading.pid === process.pid);
    self.add(
      mine.map((reading) => ({ reading, label: 'benchmark process' })),
      first,
    );
    const rest = readings.filter((reading) => !treePids.has(reading.pid) && reading.pid !== process.pid);
    outside.add(
      rest.map((reading) => ({ reading, label: reading.command })),
      first,
    );
  };

  sample(true);
  const timer = setInterval(() => sample(false), intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample(false);
      const machine = coresUsed(startedCpu, cpuSnapshot({}));
      return {
        seconds: (performance.now() - startedCpu.at) / 1000,
        samples,
        labels: tree.usage(),
        treePeakRssBytes: treePeak,
        self: self.usage()[0] ?? { label: 'benchmark process', processes: 1, peakRssBytes: 0, cpuSeconds: 0 },
        outside: outside.usage(),
        machineCores: machine.machine ?? Number.NaN,
        interruptCores: machine.interrupts ?? Number.NaN,
      };
    },
  };
}
