// The GitHub side of the gates (Dependabot, CI, code scanning, deploy) runs only on GitHub: here
// each file is parsed strictly and checked for the shape GitHub needs, and CI for the checks that
// `.ci/run` makes on this machine, so the two cannot drift apart unnoticed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const root = join(import.meta.dirname, '../..');
const workflowsDir = join(root, '.github/workflows');

/** The file's data; a syntax error or a key given twice throws, naming the file and line. */
function readYaml(path: string): unknown {
  return load(readFileSync(path, 'utf8'), { filename: path });
}

const step = z.union([
  z
    .object({
      uses: z.string().regex(/^[\w.-]+\/[\w./-]+@[\w.-]+$/),
      with: z.record(z.string(), z.unknown()).optional(),
    })
    .passthrough(),
  z.object({ run: z.string().min(1) }).passthrough(),
]);
const workflow = z.object({
  name: z.string().min(1),
  on: z.union([z.string(), z.array(z.string()), z.record(z.string(), z.unknown())]),
  jobs: z.record(z.string(), z.object({ 'runs-on': z.string().min(1), steps: z.array(step).min(1) }).passthrough()),
});
const dependabot = z.object({
  version: z.literal(2),
  updates: z
    .array(
      z
        .object({
          'package-ecosystem': z.enum(['npm', 'github-actions']),
          directory: z.string().startsWith('/'),
          schedule: z.object({ interval: z.enum(['daily', 'weekly', 'monthly']) }),
        })
        .passthrough(),
    )
    .min(2),
});

describe('GitHub configuration', () => {
  it('has a Dependabot file for npm and the workflow actions', () => {
    const parsed = dependabot.parse(readYaml(join(root, '.github/dependabot.yml')));
    expect(parsed.updates.map((update) => update['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
  });

  it('has workflows GitHub can run', () => {
    const files = readdirSync(workflowsDir).filter((file) => /\.ya?ml$/.test(file));
    expect(files.sort()).toEqual(['ci.yml', 'codeql.yml', 'deploy.yml']);
    for (const file of files) {
      const result = workflow.safeParse(readYaml(join(workflowsDir, file)));
      expect(result.success ? [] : result.error.issues, file).toEqual([]);
    }
  });

  it('scans the code with CodeQL for JavaScript and TypeScript', () => {
    const parsed = workflow.parse(readYaml(join(workflowsDir, 'codeql.yml')));
    const uses = Object.values(parsed.jobs).flatMap((job) => job.steps.map((s) => ('uses' in s ? String(s.uses) : '')));
    expect(uses.some((name) => name.startsWith('github/codeql-action/init@'))).toBe(true);
    expect(uses.some((name) => name.startsWith('github/codeql-action/analyze@'))).toBe(true);
    expect(JSON.stringify(parsed.jobs)).toContain('javascript-typescript');
  });

  it('runs in CI every check .ci/run makes here', () => {
    const local = [...readFileSync(join(root, '.ci/run'), 'utf8').matchAll(/^npm (?:run (?:--silent )?)?([\w:]+)/gm)]
      .map((match) => match[1])
      .filter((command) => command !== 'ci');
    const ci = workflow.parse(readYaml(join(workflowsDir, 'ci.yml')));
    const runs = Object.values(ci.jobs).flatMap((job) => job.steps.map((s) => ('run' in s ? String(s.run) : '')));
    expect(local.length).toBeGreaterThan(5);
    for (const command of local) {
      expect(
        runs.some((run) => new RegExp(`npm (run (--silent )?)?${command}\\b`).test(run)),
        command,
      ).toBe(true);
    }
  });
});
