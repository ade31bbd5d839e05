// docs/benchmarks.md: one marked section per benchmark, each rewritten by its own run so that
// running one benchmark leaves the others' figures (and anything written outside the markers) alone.
import { readFile, writeFile } from 'node:fs/promises';
import { describeMachine, type Machine, machineLine } from './machine.ts';
import { benchmarksDocPath } from './paths.ts';

export { describeMachine, type Machine } from './machine.ts';

const INTRO = 'intro';

const introText = `Run them all with \`npm run bench\`, or some by name: \`npm run bench -- http-overhead\`.
Each run rewrites its own section below and leaves the others as they were.

The Worker runs as it would be deployed: \`wrangler deploy --dry-run\` builds the bundle, and
workerd serves it directly through Miniflare's API (one workerd process; bindings and queue
consumers reproduced from \`wrangler.toml\`, cron triggers left out; D1 and Durable Object storage
on local disk), not under \`wrangler dev\`, whose proxy and per-request logging would dominate the
figures. The load generator (autocannon) runs in its own process on the same machine. The
swarm benchmark is the exception: the issue asks for it under \`wrangler dev\`, and its section says so.

Read the figures as ratios within one section: each section was measured in one run on the
machine it names, with the client, the Worker and its backing services sharing that machine's
cores. Absolute numbers say little about production.`;

const markerName = /^[a-z0-9][a-z0-9-]*$/;

function block(name: string, content: string): string {
  return `<!-- bench:${name} -->\n${content.trim()}\n<!-- /bench:${name} -->`;
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces the named block, or adds it (at the top for the intro, at the end otherwise). */
function upsertBlock(doc: string, name: string, content: string): string {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const existing = new RegExp(`${escapeForRegExp(start)}[\\s\\S]*?${escapeForRegExp(end)}`);
  const replacement = block(name, content);
  if (existing.test(doc)) return doc.replace(existing, () => replacement);
  if (name === INTRO) {
    const rest = doc.replace(/^# Benchmarks\s*/, '');
    return `# Benchmarks\n\n${replacement}\n\n${rest}`;
  }
  return `${doc.trimEnd()}\n\n${replacement}\n`;
}

async function readDoc(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return '# Benchmarks\n';
    throw error;
  }
}

export interface Section {
  /** Marker name, kebab-case: the same name `npm run bench -- NAME` takes. */
  name: string;
  title: string;
  /** Markdown after the title and the machine line. */
  body: string;
  /** The machine the figures come from; described now when omitted. */
  machine?: Machine;
}

export async function writeSection(section: Section, path: string = benchmarksDocPath): Promise<void> {
  if (!markerName.test(section.name) || section.name === INTRO) {
    throw new Error(`invalid section name: ${section.name}`);
  }
  const machine = section.machine ?? (await describeMachine());
  const content = `## ${section.title}\n\n${machineLine(machine)}\n\n${section.body.trim()}`;
  let doc = await readDoc(path);
  doc = upsertBlock(doc, INTRO, introText);
  doc = upsertBlock(doc, section.name, content);
  await writeFile(path, `${doc.trimEnd()}\n`);
}
