// A copy of the working tree for `wrangler dev` to serve: wrangler rebuilds and restarts workerd
// whenever a source file changes, and a restart drops Miniflare's in-memory queue, so edits made
// in the checkout during a long run would stall it. node_modules is copied as hard links (instant,
// no space): an install in the checkout writes new files and leaves the copy's directories alone.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from './paths.ts';
import { type ScratchDir, scratchDir } from './scratch.ts';

export interface SourceSnapshot extends ScratchDir {
  /** HEAD's short hash, with `+changes` when files outside bench/ and docs/ differ from it. */
  revision: string;
}

function git(args: string[]): string {
  return execFileSync('git', ['-C', repoRoot, ...args], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
}

export function snapshotWorkingTree(): SourceSnapshot {
  const files = git(['ls-files', '-z', '--cached', '--others', '--exclude-standard'])
    .split('\0')
    // A checkout whose node_modules is a symlink lists it as an untracked file: it is linked below.
    .filter((file) => file && file !== 'node_modules' && existsSync(join(repoRoot, file)));
  const head = git(['rev-parse', '--short', 'HEAD']).trim();
  const changed = git(['status', '--porcelain', '--', '.', ':!bench', ':!docs']).trim() !== '';
  const scratch = scratchDir('bench-source');
  try {
    for (const file of files) {
      const target = join(scratch.path, file);
      mkdirSync(dirname(target), { recursive: true });
      cpSync(join(repoRoot, file), target);
    }
    execFileSync('cp', ['-al', join(repoRoot, 'node_modules'), join(scratch.path, 'node_modules')]);
    // The dashboard's built assets are ignored by git, and wrangler refuses to start without them.
    const assets = join(repoRoot, 'dist');
    if (existsSync(assets)) cpSync(assets, join(scratch.path, 'dist'), { recursive: true });
  } catch (error) {
    scratch.remove();
    throw error;
  }
  return { ...scratch, revision: changed ? `${head}+changes` : head };
}
