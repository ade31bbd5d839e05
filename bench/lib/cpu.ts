// Where the CPU went during a measurement. On a small machine the client, workerd and the
// backing services share the cores, so a figure means little without this split. Linux only:
// elsewhere every reading is NaN.
import { readdirSync, readFileSync } from 'node:fs';

// USER_HZ: 100 on every mainstream Linux build; Node offers no sysconf to ask.
const TICKS_PER_SECOND = 100;

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Fields of /proc/PID/stat after the parenthesised command name (which may contain spaces). */
function statFields(pid: number): string[] | undefined {
  const stat = readOrEmpty(`/proc/${pid}/stat`);
  const end = stat.lastIndexOf(')');
  return end < 0 ? undefined : stat.slice(end + 2).split(' ');
}

/** User + system CPU seconds a process has used so far. */
function processSeconds(pid: number): number {
  const fields = statFields(pid);
  // utime and stime are fields 14 and 15 of the stat line, 12 and 13 after the name.
  if (!fields) return Number.NaN;
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

interface MachineSeconds {
  /** Busy CPU seconds, all cores: user, nice, system, irq and softirq (not idle, iowait or steal). */
  busy: number;
  /** The part of `busy` spent in interrupt handlers, mostly the network stack for loopback traffic. */
  interrupts: number;
}

function machineSeconds(): MachineSeconds {
  const line = readOrEmpty('/proc/stat').split('\n')[0] ?? '';
  // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest is inside user)
  const [user, nice, system, , , irq, softirq] = line.trim().split(/\s+/).slice(1).map(Number);
  if (user === undefined || nice === undefined || system === undefined || irq === undefined || softirq === undefined) {
    return { busy: Number.NaN, interrupts: Number.NaN };
  }
  return {
    busy: (user + nice + system + irq + softirq) / TICKS_PER_SECOND,
    interrupts: (irq + softirq) / TICKS_PER_SECOND,
  };
}

/** Direct children of this process whose command name is `name` (e.g. 'workerd'). */
export function childPids(name: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      const stat = readOrEmpty(`/proc/${pid}/stat`);
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      return command === name && Number(statFields(pid)?.[1]) === process.pid;
    });
}

export interface CpuSnapshot {
  at: number;
  machine: MachineSeconds;
  processes: Record<string, number>;
}

export function cpuSnapshot(pids: Record<string, number>): CpuSnapshot {
  const processes: Record<string, number> = {};
  for (const [label, pid] of Object.entries(pids)) processes[label] = processSeconds(pid);
  return { at: performance.now(), machine: machineSeconds(), processes };
}

/**
 * Cores in use on average between two snapshots: per labelled process; `machine` (all of it);
 * `interrupts` (kernel interrupt handling, not charged to any process); and `other`, what is
 * left: processes nobody labelled, including ones that came and went in between.
 */
export function coresUsed(before: CpuSnapshot, after: CpuSnapshot): Record<string, number> {
  const seconds = (after.at - before.at) / 1000;
  const machine = (after.machine.busy - before.machine.busy) / seconds;
  const interrupts = (after.machine.interrupts - before.machine.interrupts) / seconds;
  const used: Record<string, number> = {};
  for (const [label, start] of Object.entries(before.processes)) {
    used[label] = ((after.processes[label] ?? Number.NaN) - start) / seconds;
  }
  const labelled = Object.values(used).reduce((sum, value) => sum + value, 0);
  return { ...used, machine, interrupts, other: machine - interrupts - labelled };
}

/** Cores busy across the machine, averaged over `windowMs`. */
export async function machineBusyCores(windowMs: number): Promise<number> {
  const before = cpuSnapshot({});
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  return coresUsed(before, cpuSnapshot({})).machine ?? Number.NaN;
}
