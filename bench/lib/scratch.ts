// Temporary directories that disappear with the run, including when it is interrupted: an
// 'exit' listener removes whatever is left, since Miniflare exits the process on SIGINT itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const live = new Set<string>();

process.on('exit', () => {
  for (const path of live) rmSync(path, { recursive: true, force: true });
});

export interface ScratchDir {
  path: string;
  remove(): void;
}

export function scratchDir(prefix: string): ScratchDir {
  const path = mkdtempSync(join(tmpdir(), `${prefix}-`));
  live.add(path);
  return {
    path,
    remove: () => {
      rmSync(path, { recursive: true, force: true });
      live.delete(path);
    },
  };
}
