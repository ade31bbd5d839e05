// What the figures were measured on: they are only comparable within one run on one machine.
import { readFile } from 'node:fs/promises';
import { availableParallelism, cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths.ts';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  workerd: string;
  miniflare: string;
  wrangler: string;
  autocannon: string;
  /** UTC, minute precision. */
  date: string;
}

async function readOr(path: string, fallback: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return fallback;
  }
}

async function cpuModel(): Promise<string> {
  const cpuinfo = await readOr('/proc/cpuinfo', '');
  const line = cpuinfo.split('\n').find((l) => l.startsWith('model name'));
  return line?.split(':')[1]?.trim() || cpus()[0]?.model || 'unknown';
}

async function osName(): Promise<string> {
  const osRelease = await readOr('/etc/os-release', '');
  const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(osRelease)?.[1];
  return `${pretty ?? process.platform} (kernel ${release()})`;
}

async function packageVersion(name: string): Promise<string> {
  const json = await readOr(join(repoRoot, 'node_modules', name, 'package.json'), '{}');
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string') {
    return parsed.version;
  }
  return 'unknown';
}

export async function describeMachine(): Promise<Machine> {
  const [cpu, os, workerd, miniflare, wrangler, autocannon] = await Promise.all([
    cpuModel(),
    osName(),
    packageVersion('workerd'),
    packageVersion('miniflare'),
    packageVersion('wrangler'),
    packageVersion('autocannon'),
  ]);
  return {
    cpu,
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os,
    node: process.version,
    workerd,
    miniflare,
    wrangler,
    autocannon,
    date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  };
}

export function machineLine(machine: Machine): string {
  return (
    `Measured ${machine.date} on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}; ` +
    `Node ${machine.node}, workerd ${machine.workerd} (Miniflare ${machine.miniflare}, wrangler ${machine.wrangler}), ` +
    `autocannon ${machine.autocannon}.`
  );
}
