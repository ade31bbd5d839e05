// Starts workerd with its async activity trace on (see async-trace.ts) and V8's GC trace (see
// gc-tally.ts). Miniflare spawns the binary named by MINIFLARE_WORKERD_PATH with the V8 flags in
// MINIFLARE_WORKERD_V8_FLAGS, so a wrapper script that adds `--async-trace` stands in for the
// binary, and both variables are set only while the stack starts.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gcTally, TRACE_GC_FLAG } from './gc-tally.ts';
import { repoRoot } from './paths.ts';
import { scratchDir } from './scratch.ts';
import { type BenchStack, type StartStackOptions, startStack } from './stack.ts';

const workerdBinary = join(repoRoot, 'node_modules/workerd/bin/workerd');

export interface TracedStack {
  stack: BenchStack;
  /** Complete once the stack is disposed. */
  tracePath: string;
  gc: ReturnType<typeof gcTally>;
  /** Disposes the stack once, however often called; the trace file stays until `removeTrace`. */
  dispose(): Promise<void>;
  removeTrace(): void;
}

const printErrors = (level: string, message: string) => {
  if (level === 'error') console.error(`[workerd] ${message}`);
};

export async function startTracedStack(options: StartStackOptions = {}): Promise<TracedStack> {
  const scratch = scratchDir('bench-trace');
  const tracePath = join(scratch.path, 'async-trace.jsonl');
  const wrapper = join(scratch.path, 'workerd');
  writeFileSync(wrapper, `#!/bin/sh\nexec "${workerdBinary}" "$@" --async-trace "${tracePath}"\n`);
  chmodSync(wrapper, 0o755);
  const gc = gcTally();
  const onLog = options.onLog ?? printErrors;
  const restore = setEnv({
    MINIFLARE_WORKERD_PATH: wrapper,
    MINIFLARE_WORKERD_V8_FLAGS: TRACE_GC_FLAG,
  });
  let stack: BenchStack;
  try {
    stack = await startStack({
      ...options,
      onLog: (level, message) => {
        if (!gc.line(message)) onLog(level, message);
      },
    });
  } catch (error) {
    scratch.remove();
    throw error;
  } finally {
    restore();
  }
  let disposed: Promise<void> | undefined;
  return { stack, tracePath, gc, dispose: () => (disposed ??= stack.dispose()), removeTrace: () => scratch.remove() };
}

function setEnv(values: Record<string, string>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
