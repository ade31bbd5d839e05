// Builds a Worker exactly as `wrangler deploy` would upload it, without uploading: the same
// bundle a benchmark then runs in workerd.
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import type { Metafile } from 'esbuild';
import { repoRoot } from './paths.ts';
import { scratchDir } from './scratch.ts';

export type ModuleType = 'esm' | 'cjs' | 'text' | 'data' | 'wasm' | 'json';

export interface BundledModule {
  /** Absolute path of the module file. */
  path: string;
  /** Module name as the Worker imports it (relative to the bundle directory). */
  name: string;
  type: ModuleType;
}

export interface Bundle {
  dir: string;
  mainModule: BundledModule;
  modules: BundledModule[];
  /** esbuild's record of which input went where, when asked for. */
  metafile?: Metafile;
  dispose(): void;
}

export interface BundleOptions {
  configPath: string;
  /** Wrangler environment; the top-level one when omitted. */
  env?: string;
  /** Entry point, for the name of the main module; wrangler names it after this file. */
  main: string;
  /** As `wrangler deploy --minify`. */
  minify?: boolean;
  /** Also return esbuild's metafile (bytes per input module). */
  metafile?: boolean;
}

const wranglerCli = join(repoRoot, 'node_modules/wrangler/bin/wrangler.js');
const quietEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };

const typesByExtension: Record<string, ModuleType> = {
  '.js': 'esm',
  '.mjs': 'esm',
  '.cjs': 'cjs',
  '.wasm': 'wasm',
  '.bin': 'data',
  '.txt': 'text',
  '.html': 'text',
  '.sql': 'text',
  '.json': 'json',
};

function runWrangler(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wranglerCli, ...args], { cwd: repoRoot, env: quietEnv });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`wrangler ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

function toModule(dir: string, path: string): BundledModule | undefined {
  if (path.endsWith('.map') || basename(path) === 'README.md') return undefined;
  const type = typesByExtension[extname(path)];
  if (!type) throw new Error(`bundle module of unknown type: ${path}`);
  return { path, name: relative(dir, path).split('\\').join('/'), type };
}

/** The modules of a built Worker in `dir`, its main module named `mainName` (e.g. index.js). */
export async function readBundle(dir: string, mainName: string, dispose: () => void = () => {}): Promise<Bundle> {
  const modules = (await listFiles(dir)).map((path) => toModule(dir, path)).filter((module) => module !== undefined);
  const mainModule = modules.find((module) => module.name === mainName);
  if (!mainModule) throw new Error(`no ${mainName} in ${dir}`);
  return { dir, mainModule, modules, dispose };
}

/** Runs `wrangler deploy --dry-run --outdir <tmpdir>` and returns the modules it wrote. */
export async function bundleWorker(options: BundleOptions): Promise<Bundle> {
  const scratch = scratchDir('bench-bundle');
  const meta = options.metafile ? scratchDir('bench-metafile') : undefined;
  const dir = scratch.path;
  const dispose = () => {
    scratch.remove();
    meta?.remove();
  };
  try {
    const args = ['deploy', '--dry-run', '--outdir', dir, '--config', options.configPath, `--env=${options.env ?? ''}`];
    if (options.minify) args.push('--minify');
    const metafilePath = meta && join(meta.path, 'meta.json');
    if (metafilePath) args.push('--metafile', metafilePath);
    await runWrangler(args);
    const bundle = await readBundle(dir, `${basename(options.main, extname(options.main))}.js`, dispose);
    if (metafilePath) bundle.metafile = JSON.parse(await readFile(metafilePath, 'utf8')) as Metafile;
    return bundle;
  } catch (error) {
    dispose();
    throw error;
  }
}
