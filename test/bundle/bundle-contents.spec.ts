// What the deployed bundle carries, built exactly as `wrangler deploy` builds it (wrangler.toml
// [alias], workers/bundle/): zod with English as its only locale and without `core`, `compile`
// or `fromJSONSchema`, which nothing in the Worker reads; pg's JavaScript client without its native
// binding, ~/.pgpass reader or raw-TCP socket. Each library comes from its one installed copy.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWorker } from '../../bench/lib/bundle.ts';
import { wranglerConfigPath } from '../../bench/lib/paths.ts';

describe('happy', () => {
  let bundle: Awaited<ReturnType<typeof bundleWorker>>;
  /** What reached the output: the metafile's inputs also list modules parsed and then shaken off. */
  let inputs: string[];
  const of = (library: string) =>
    inputs
      .filter((path) => path.includes(`node_modules/${library}/`))
      .map((path) => path.replace(/.*node_modules\//, ''));

  beforeAll(async () => {
    bundle = await bundleWorker({ configPath: wranglerConfigPath, main: 'workers/index.ts', metafile: true });
    inputs = Object.values(bundle.metafile?.outputs ?? {}).flatMap((output) =>
      Object.entries(output.inputs)
        .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
        .map(([path]) => path),
    );
  });
  afterAll(() => bundle?.dispose());

  it('bundles zod with only its English locale and without what nothing calls', () => {
    const zodFiles = of('zod');
    expect(zodFiles.filter((path) => path.includes('/v4/locales/'))).toEqual(['zod/v4/locales/en.js']);
    expect(inputs).toContain('workers/bundle/zod-classic.ts');
    expect(zodFiles.filter((path) => /\/(compile|from-json-schema)\.js$/.test(path))).toEqual([]);
    expect(
      new Set(
        inputs
          .filter((path) => path.includes('node_modules/zod/'))
          .map((path) => path.replace(/node_modules\/zod\/.*/, '')),
      ),
    ).toHaveProperty('size', 1);
  });

  it("leaves z.core out, and nothing in the Worker's code reads it", async () => {
    expect(inputs).not.toContain('node_modules/zod/v4/core/json-schema-generator.js');
    const readers: string[] = [];
    for (const folder of ['src', 'workers', 'durable-objects']) {
      for (const file of await readdir(folder, { recursive: true })) {
        // workers/bundle/ is the alias itself, which names z.core to say it is left out.
        if (!file.endsWith('.ts') || join(folder, file).startsWith('workers/bundle/')) continue;
        if (/\bz\.core\b/.test(await readFile(join(folder, file), 'utf8'))) readers.push(join(folder, file));
      }
    }
    expect(readers).toEqual([]);
  });

  it('bundles pg as a JavaScript client over its own socket, and no other Postgres driver', () => {
    expect(of('pg')).toContain('pg/lib/client.js');
    expect(of('pg').filter((path) => path.includes('/native/'))).toEqual([]);
    expect([...of('pgpass'), ...of('pg-cloudflare'), ...of('@neondatabase/serverless')]).toEqual([]);
    expect(inputs).toContain('src/db/websocket-socket.ts');
  });
});
