// Builds Mission Control into dist/public/dashboard, the folder wrangler.toml's [assets] serves:
// one bundled module, the page and its stylesheet, plus the _headers file that gives the
// static responses (which never pass through the Worker) the same secure headers as the API.
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = join(root, 'dashboard');
const out = join(root, 'dist/public');
const page = join(out, 'dashboard');

// connect-src 'self' covers ws:/wss: to the same host in CSP Level 3 browsers; no inline script
// or style is allowed, so the app sets widths through the CSSOM.
const csp = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const headers = `/dashboard/*
  Content-Security-Policy: ${csp}
  X-Content-Type-Options: nosniff
  X-Frame-Options: DENY
  Referrer-Policy: no-referrer
  Cross-Origin-Opener-Policy: same-origin
  Permissions-Policy: camera=(), microphone=(), geolocation=()
`;

await rm(out, { recursive: true, force: true });
await mkdir(page, { recursive: true });
await build({
  entryPoints: [join(source, 'src/main.ts')],
  outfile: join(page, 'app.js'),
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
await copyFile(join(source, 'index.html'), join(page, 'index.html'));
await copyFile(join(source, 'app.css'), join(page, 'app.css'));
await writeFile(join(out, '_headers'), headers);
