#!/usr/bin/env node
// Entry for `npm exec empire`: the CLI is TypeScript run by Node's type stripping (Node >= 22.18).
// On an older Node, it re-runs itself with the project's `node` dev dependency.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const entry = join(here, 'empire.ts');
const [major, minor] = process.versions.node.split('.').map(Number);

if (major > 22 || (major === 22 && minor >= 18)) {
  await import(entry);
} else {
  const local = join(here, '..', 'node_modules', '.bin', process.platform === 'win32' ? 'node.cmd' : 'node');
  if (!existsSync(local)) {
    process.stderr.write(
      `empire needs Node 22.18 or newer (this is ${process.version}); run \`npm install\` in ${join(here, '..')}\n`,
    );
    process.exit(1);
  }
  const child = spawnSync(local, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}
