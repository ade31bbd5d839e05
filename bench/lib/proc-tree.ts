// A process and everything it started, read from /proc: for a stack this benchmark does not start
// itself (`wrangler dev` starts its own node and workerd processes). Linux only: elsewhere the
// tree is empty.
import { readdirSync, readFileSync } from 'node:fs';

// USER_HZ: 100 on every mainstream Linux build; Node offers no sysconf to ask.
const TICKS_PER_SECOND = 100;

export interface ProcessReading {
  pid: number;
  ppid: number;
  /** One letter: R running, S sleeping, Z zombie (ended, not yet reaped), ... */
  state: string;
  /** Kernel command name (at most 15 characters): `node`, `workerd`, `esbuild`. */
  command: string;
  /** Arguments, space-separated. */
  args: string;
  rssBytes: number;
  /** User + system CPU seconds used so far. */
  cpuSeconds: number;
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function read(pid: number): ProcessReading | undefined {
  const stat = readOrEmpty(`/proc/${pid}/stat`);
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  if (open < 0 || close < 0) return undefined;
  // After the name: state ppid ... utime (12th) stime (13th).
  const fields = stat.slice(close + 2).split(' ');
  const rssKiB = /^VmRSS:\s+(\d+) kB$/m.exec(readOrEmpty(`/proc/${pid}/status`))?.[1];
  return {
    pid,
    ppid: Number(fields[1]),
    state: fields[0] ?? '?',
    command: stat.slice(open + 1, close),
    args: readOrEmpty(`/proc/${pid}/cmdline`).split('\0').join(' ').trim(),
    rssBytes: Number(rssKiB ?? 0) * 1024,
    cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
  };
}

function allPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number);
  } catch {
    return [];
  }
}

/** Every process readable now. */
export function allProcesses(): ProcessReading[] {
  return allPids()
    .map(read)
    .filter((reading) => reading !== undefined);
}

/** `root` and its descendants among `readings` (all processes now when omitted). */
export function processTree(root: number, readings: ProcessReading[] = allProcesses()): ProcessReading[] {
  const children = new Map<number, ProcessReading[]>();
  for (const reading of readings) children.set(reading.ppid, [...(children.get(reading.ppid) ?? []), reading]);
  const tree = readings.filter((reading) => reading.pid === root);
  for (let i = 0; i < tree.length; i++) {
    const parent = tree[i];
    if (parent) tree.push(...(children.get(parent.pid) ?? []));
  }
  return tree;
}
