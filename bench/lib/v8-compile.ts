// How long V8 takes to parse and compile a bundle's main module, measured in a fresh Node
// process each time (V8 caches compiled code by source within one process). Node's V8 stands in
// for workerd's: workerd does not report its own compile time apart from the rest of its start.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

// Compiles without linking or evaluating: imports of `cloudflare:*` and `node:*` need not resolve.
const compileOnce = `
const { SourceTextModule } = require('node:vm');
const source = require('node:fs').readFileSync(process.argv[1], 'utf8');
const started = performance.now();
new SourceTextModule(source, { identifier: 'bundle.js' });
process.stdout.write(String(performance.now() - started));
`;

/** Milliseconds to compile the ES module at `path`, once per fresh process. */
export async function v8CompileMs(path: string): Promise<number> {
  const args = ['--experimental-vm-modules', '--no-warnings', '-e', compileOnce, path];
  const { stdout } = await run(process.execPath, args);
  const ms = Number(stdout);
  if (!Number.isFinite(ms)) throw new Error(`compiling ${path} printed ${stdout}`);
  return ms;
}
