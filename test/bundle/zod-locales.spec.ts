// The deployed bundle carries zod with English only (wrangler.toml [alias], workers/bundle/zod.ts):
// built exactly as `wrangler deploy` builds it, the only zod locale among its inputs is en.js, and
// every zod module in it comes from the one installed copy. Nor does it carry `compile` or
// `fromJSONSchema`, which nothing in the Worker calls.
import { describe, expect, it } from 'vitest';
import { bundleWorker } from '../../bench/lib/bundle.ts';
import { wranglerConfigPath } from '../../bench/lib/paths.ts';

describe('happy', () => {
  it('bundles zod with only its English locale and without what nothing calls', async () => {
    const bundle = await bundleWorker({ configPath: wranglerConfigPath, main: 'workers/index.ts', metafile: true });
    try {
      // What reached the output: the metafile's inputs also list modules parsed and then shaken off.
      const outputs = Object.values(bundle.metafile?.outputs ?? {});
      const inputs = outputs.flatMap((output) =>
        Object.entries(output.inputs)
          .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
          .map(([path]) => path),
      );
      const zodFiles = inputs.filter((path) => /node_modules\/zod\//.test(path));
      const locales = zodFiles.filter((path) => path.includes('/v4/locales/'));
      expect(locales.map((path) => path.replace(/.*node_modules\//, ''))).toEqual(['zod/v4/locales/en.js']);
      expect(inputs).toContain('workers/bundle/zod-classic.ts');
      expect(zodFiles.filter((path) => /\/(compile|from-json-schema)\.js$/.test(path))).toEqual([]);
      expect(new Set(zodFiles.map((path) => path.replace(/node_modules\/zod\/.*/, '')))).toHaveProperty('size', 1);
    } finally {
      bundle.dispose();
    }
  });
});
