// The bundle-startup section of docs/benchmarks.md.
import type { BundleSize } from './lib/bundle-size.ts';
import type { ColdStartSample } from './lib/cold-start.ts';
import { markdownTable, median, ms, ratio } from './lib/format.ts';

export interface SizeRow {
  label: string;
  size: BundleSize;
}

export interface StartupRow {
  label: string;
  paths: string[];
  compileMs: number[];
  samples: ColdStartSample[];
}

export interface Context {
  sizes: SizeRow[];
  startup: StartupRow[];
  rounds: number;
  peer: boolean;
}

/** The gzip size of Portkey's open-source gateway built with `wrangler deploy --dry-run`, unminified. */
const GOAL_GZIP_KIB = 355;
const TOP_PACKAGES = 16;
export const BARE = 'bare Hono';
/** The bare route served with the Empire's bindings and empty classes (bench/fixtures/empire-bindings.ts). */
export const BINDINGS_ONLY = "bare Hono with the Empire's bindings";

const kib = (bytes: number) => (bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 0 });
const right = (columns: number) => [false, ...Array<boolean>(columns - 1).fill(true)];

function sizeTable(rows: SizeRow[]): string {
  const bare = rows.find((row) => row.label === BARE)?.size;
  const header = ['Worker', 'Raw KiB', 'Gzip KiB', 'Gzip × bare', `Gzip vs ${GOAL_GZIP_KIB} KiB goal`];
  const cells = rows.map(({ label, size }) => [
    label,
    kib(size.rawBytes),
    kib(size.gzipBytes),
    bare ? ratio(size.gzipBytes / bare.gzipBytes) : 'n/a',
    ratio(size.gzipBytes / (GOAL_GZIP_KIB * 1024)),
  ]);
  return markdownTable(header, cells, right(header.length));
}

function packageTable(rows: SizeRow[]): string {
  const measured = rows.filter((row) => row.size.packages.length > 0 && row.label !== BARE);
  const [first] = measured;
  if (!first) return '';
  const names = first.size.packages.slice(0, TOP_PACKAGES).map((entry) => entry.name);
  const bytesOf = (row: SizeRow, name: string) => row.size.packages.find((entry) => entry.name === name)?.bytes ?? 0;
  const cells = names.map((name) => [`\`${name}\``, ...measured.map((row) => kib(bytesOf(row, name)))]);
  const rest = (row: SizeRow) => row.size.packages.filter((entry) => !names.includes(entry.name));
  cells.push([
    'everything else',
    ...measured.map((row) => kib(rest(row).reduce((sum, entry) => sum + entry.bytes, 0))),
  ]);
  const header = ['Package or folder', ...measured.map((row) => `${row.label}, KiB`)];
  return markdownTable(header, cells, right(header.length));
}

function startupTable(rows: StartupRow[]): string {
  const bare = rows.find((row) => row.label === BARE);
  const bindingsOnly = rows.find((row) => row.label === BINDINGS_ONLY);
  const firstOf = (row: StartupRow) => median(row.samples.map((sample) => sample.answeredMs['/'] ?? Number.NaN));
  const versus = (row: StartupRow, base: StartupRow | undefined) =>
    base ? ratio(firstOf(row) / firstOf(base)) : 'n/a';
  const isEmpire = (row: StartupRow) => row.paths.includes('/openapi.json');
  const header = [
    'Worker',
    'V8 compile ms',
    'workerd ready ms',
    'First `GET /` ms',
    'Then `GET /openapi.json` ms',
    'Compile × bare',
    'First `GET /` × bare',
    'First `GET /` × bindings alone',
  ];
  const cells = rows.map((row) => {
    const openapi = row.samples.map((sample) => sample.answeredMs['/openapi.json'] ?? Number.NaN);
    return [
      row.label,
      row.compileMs.length > 0 ? ms(median(row.compileMs)) : '–',
      ms(median(row.samples.map((sample) => sample.readyMs))),
      ms(firstOf(row)),
      isEmpire(row) ? ms(median(openapi)) : '–',
      bare && row.compileMs.length > 0 ? ratio(median(row.compileMs) / median(bare.compileMs)) : '–',
      versus(row, bare),
      isEmpire(row) ? versus(row, bindingsOnly) : '–',
    ];
  });
  return markdownTable(header, cells, right(header.length));
}

const addPeer = `No peer was measured. To put another gateway beside these figures, set \`BENCH_PEER_BUNDLE\`
to its wrangler config (it is then built here with \`wrangler deploy --dry-run\`, like the others)
or to its built main module (other modules in that folder are loaded with it), e.g.
\`BENCH_PEER_BUNDLE=../gateway/wrangler.toml npm run bench -- bundle-startup\`; it is served at
\`GET /\` with the same compatibility settings.`;

export function renderBundleStartup(context: Context): string {
  return `Each Worker is built with \`wrangler deploy --dry-run\` (the minified one with \`--minify\`, as
\`minify = true\` would build it). Sizes are wrangler's "Total Upload" figures, computed the same way
(every module concatenated; gzip at zlib's default level). The goal is the size of Portkey's
open-source gateway built the same way without minifying, ${GOAL_GZIP_KIB} KiB gzip.

${sizeTable(context.sizes)}

Bytes in the bundle by package (or by folder of the Worker's own code), from esbuild's metafile,
before gzip:

${packageTable(context.sizes)}

Start-up of a fresh isolate, median of ${context.rounds} rounds; each round starts a new workerd
(Miniflare's API, in-memory storage) for each Worker in turn with its already-built bundle.
**V8 compile** parses and compiles the main module in a fresh Node process (Node's V8 stands in
for workerd's, which does not report its compile time apart from the rest of its start).
**workerd ready** is from \`new Miniflare()\` until workerd listens: process start, compile and the
evaluation of every module's top level. **First \`GET /\`** is from the same start until the first
answer has arrived; for the Empire, \`GET /openapi.json\` follows, which renders the whole API's
schema from every route. The Empire's workerd also starts its bindings (five Durable Object
classes, a Workflow, D1, R2, a queue); **${BINDINGS_ONLY}** starts the same bindings around the
bare route and empty classes, so "× bindings alone" is what the Empire's code adds to a start.

${startupTable(context.startup)}

Read the ratios, not the milliseconds: the machine is shared and was busy with other work, and
workerd's own start (the same for every Worker) is most of the time to ready.
${context.peer ? '' : `\n${addPeer}`}`;
}
