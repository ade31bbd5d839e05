// One product stack at a time across the chaos test files: each boots wrangler, workerd and its
// services, and the suite runs on small machines beside the other tests. A directory is the lock;
// a lock whose owner process is gone is taken over.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from './processes.ts';

const lock = join(tmpdir(), 'empire-chaos-stack.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function acquireSlot(): Promise<() => Promise<void>> {
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'pid'), String(process.pid));
      return () => rm(lock, { recursive: true, force: true });
    } catch {
      const owner = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => ''));
      if (owner && !alive(owner)) await rm(lock, { recursive: true, force: true });
      else await sleep(200);
    }
  }
}
