// What the Empire Worker weighs as deployed and what that costs a fresh isolate: bundle size
// (raw, gzip, by package) and the start of a new workerd with the built bundle up to its first
// answers, beside the bare Hono Worker built and served the same way, and optionally a peer.
import { basename, dirname } from 'node:path';
import type { WorkerOptions } from 'miniflare';
import { BARE, BINDINGS_ONLY, renderBundleStartup, type SizeRow, type StartupRow } from './bundle-startup-render.ts';
import { type Bundle, bundleWorker, readBundle } from './lib/bundle.ts';
import { bundleSize } from './lib/bundle-size.ts';
import { coldStart } from './lib/cold-start.ts';
import { bareWorkerConfigPath, empireBindingsConfigPath, wranglerConfigPath } from './lib/paths.ts';
import { describeMachine, writeSection } from './lib/report.ts';
import { v8CompileMs } from './lib/v8-compile.ts';
import { workerOptions } from './lib/worker-options.ts';
import { readWranglerConfig } from './lib/wrangler-config.ts';

export const name = 'bundle-startup';

const ROUNDS = 10;
/** A peer Worker to measure the same way: its wrangler config (built here) or its built main module. */
const peerPath = process.env.BENCH_PEER_BUNDLE;

interface Variant {
  label: string;
  bundle: Bundle;
  worker: WorkerOptions;
  paths: string[];
}

const empire = readWranglerConfig(wranglerConfigPath);
const bare = readWranglerConfig(bareWorkerConfigPath);
// Every Worker runs with the Empire's compatibility date and flags, so only the code differs.
const compatibility = { date: empire.compatibility_date, flags: empire.compatibility_flags };

async function empireVariant(label: string, minify: boolean): Promise<Variant> {
  const bundle = await bundleWorker({ configPath: wranglerConfigPath, main: empire.main, minify, metafile: true });
  return { label, bundle, worker: await workerOptions({ config: empire, bundle }), paths: ['/', '/openapi.json'] };
}

async function bareVariant(): Promise<Variant> {
  const bundle = await bundleWorker({ configPath: bareWorkerConfigPath, main: bare.main, metafile: true });
  const worker = await workerOptions({ config: bare, bundle, compatibility });
  return { label: BARE, bundle, worker, paths: ['/'] };
}

/** The bare route with the Empire's bindings and empty classes: what the bindings alone cost a start. */
async function bindingsVariant(): Promise<Variant> {
  const bundle = await bundleWorker({
    configPath: empireBindingsConfigPath,
    main: 'empire-bindings.ts',
    metafile: true,
  });
  return { label: BINDINGS_ONLY, bundle, worker: await workerOptions({ config: empire, bundle }), paths: ['/'] };
}

async function peerVariant(path: string): Promise<Variant> {
  const label = `peer (${basename(dirname(path))})`;
  if (path.endsWith('.js') || path.endsWith('.mjs')) {
    const bundle = await readBundle(dirname(path), basename(path));
    return {
      label,
      bundle,
      worker: await workerOptions({ config: bare, bundle, name: 'peer', compatibility }),
      paths: ['/'],
    };
  }
  const config = readWranglerConfig(path);
  const bundle = await bundleWorker({ configPath: path, main: config.main, metafile: true });
  return { label, bundle, worker: await workerOptions({ config, bundle, compatibility }), paths: ['/'] };
}

async function measureCompile(variants: Variant[]): Promise<Map<Variant, number[]>> {
  const samples = new Map(variants.map((variant) => [variant, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of variants) samples.get(variant)?.push(await v8CompileMs(variant.bundle.mainModule.path));
  }
  return samples;
}

/** Rounds alternate between the Workers, so a busy moment on the machine touches them all alike. */
async function measureStartup(variants: Variant[]): Promise<Map<Variant, StartupRow['samples']>> {
  for (const variant of variants) await coldStart(variant); // the first workerd of a run also warms the disk cache
  const samples = new Map(variants.map((variant) => [variant, [] as StartupRow['samples']]));
  for (let round = 0; round < ROUNDS; round++) {
    console.log(`[${name}] start-up round ${round + 1} of ${ROUNDS}`);
    for (const variant of variants) samples.get(variant)?.push(await coldStart(variant));
  }
  return samples;
}

export async function run(): Promise<void> {
  const machine = await describeMachine();
  console.log(`[${name}] building`);
  const variants = [
    await empireVariant('Empire', false),
    await empireVariant('Empire, minified', true),
    await bareVariant(),
    await bindingsVariant(),
    ...(peerPath ? [await peerVariant(peerPath)] : []),
  ];
  try {
    const sizes: SizeRow[] = [];
    for (const variant of variants) {
      if (variant.label !== BINDINGS_ONLY) sizes.push({ label: variant.label, size: await bundleSize(variant.bundle) });
    }
    console.log(`[${name}] V8 compile, ${ROUNDS} fresh processes per bundle`);
    const compile = await measureCompile(variants);
    const startup = await measureStartup(variants);
    const rows = variants.map((variant) => ({
      label: variant.label,
      paths: variant.paths,
      compileMs: compile.get(variant) ?? [],
      samples: startup.get(variant) ?? [],
    }));
    const body = renderBundleStartup({ sizes, startup: rows, rounds: ROUNDS, peer: peerPath !== undefined });
    await writeSection({ name, title: 'Bundle size and start-up', machine, body });
  } finally {
    for (const variant of variants) variant.bundle.dispose();
  }
}
