// A built Worker's size as `wrangler deploy` reports it (every module concatenated, raw and
// gzipped), and which packages the bytes come from (esbuild's metafile).
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { Metafile } from 'esbuild';
import type { Bundle } from './bundle.ts';

export interface PackageBytes {
  /** npm package name, or the first two folders of the project's own code (`src/llm`). */
  name: string;
  bytes: number;
}

export interface BundleSize {
  rawBytes: number;
  gzipBytes: number;
  packages: PackageBytes[];
}

function packageOf(input: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (inPackage?.[1]) return inPackage[1];
  return input.split('/').slice(0, 2).join('/');
}

export function bytesByPackage(metafile: Metafile): PackageBytes[] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(input);
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/** The figures of wrangler's "Total Upload: … / gzip: …" line, computed the same way. */
export async function bundleSize(bundle: Bundle): Promise<BundleSize> {
  const contents = await Promise.all(bundle.modules.map((module) => readFile(module.path)));
  const all = Buffer.concat(contents);
  return {
    rawBytes: all.byteLength,
    gzipBytes: gzipSync(all).byteLength,
    packages: bundle.metafile ? bytesByPackage(bundle.metafile) : [],
  };
}
