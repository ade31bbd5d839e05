// Writes the clients' API types from the Worker's own OpenAPI document, with no server running:
// the app is bundled for Node, asked for its document, and openapi-typescript turns that into
// one .d.ts per client. `--check` fails when a checked-in file differs from a fresh one.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import openapiTS, { astToString } from 'openapi-typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const targets = ['cli/api-schema.d.ts', 'dashboard/src/api-schema.d.ts'];
const header = '// Generated from /openapi.json by `npm run api:types`; do not edit.\n\n';

async function openApiDocument(): Promise<unknown> {
  // Inside node_modules so the bundle's external packages resolve from the repo.
  const cache = join(root, 'node_modules/.cache');
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(join(cache, 'empire-openapi-'));
  try {
    const entry = join(dir, 'document.mjs');
    await build({
      stdin: {
        contents:
          "import { app, openApiConfig } from './workers/app';\nexport default app.getOpenAPI31Document(openApiConfig('0.1.0'));",
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: entry,
      packages: 'external',
      external: ['cloudflare:*'],
      logLevel: 'error',
    });
    return (await import(pathToFileURL(entry).href)).default;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const document = await openApiDocument();
const types = header + astToString(await openapiTS(JSON.parse(JSON.stringify(document))));
const check = process.argv.includes('--check');
let stale = false;
for (const target of targets) {
  const path = join(root, target);
  if (!check) {
    await writeFile(path, types);
    continue;
  }
  const current = await readFile(path, 'utf8').catch(() => '');
  if (current !== types) {
    stale = true;
    console.error(`${target} is stale: run npm run api:types`);
  }
}
if (stale) process.exit(1);
