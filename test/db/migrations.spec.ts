// The drizzle snapshots in migrations/*/meta must describe the schema the SQL migrations build:
// then `npm run db:generate` after a schema change writes that change and nothing else, and a
// schema change made without its migration fails here. drizzle-kit runs on copies of the folders.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import d1Config from '../../drizzle.d1.config';
import pgConfig from '../../drizzle.pg.config';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');
const drizzleKit = join(repo, 'node_modules/.bin/drizzle-kit');

type DrizzleConfig = { dialect: string; schema?: string | string[]; out?: string };

async function generateInCopy(config: DrizzleConfig) {
  const scratch = mkdtempSync(join(tmpdir(), 'empire-migrations-'));
  try {
    cpSync(resolve(repo, config.out ?? ''), join(scratch, 'out'), { recursive: true });
    const schema = [config.schema ?? []].flat().map((path) => resolve(repo, path));
    // drizzle-kit reads `out` relative to where it runs, even when it is absolute.
    writeFileSync(
      join(scratch, 'drizzle.config.json'),
      JSON.stringify({ dialect: config.dialect, schema, out: 'out' }),
    );
    const { stdout } = await run(drizzleKit, ['generate', '--config', 'drizzle.config.json'], { cwd: scratch });
    return { stdout, files: readdirSync(join(scratch, 'out')).sort() };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

describe('migrations', () => {
  for (const [name, config] of [
    ['D1', d1Config],
    ['Postgres', pgConfig],
  ] as const) {
    it(`${name}: the schema is what the migrations build, so generating writes nothing`, async () => {
      const before = readdirSync(resolve(repo, config.out ?? '')).sort();
      const { stdout, files } = await generateInCopy(config);
      expect(stdout).toContain('No schema changes');
      expect(files).toEqual(before);
    });
  }
});
