// Everything a benchmark of the Empire Worker needs, started together and stopped together:
// backing services, then one workerd serving the Empire Worker, the bare baseline and any fixtures.
import { type BenchBacking, startBenchBacking } from './backing.ts';
import { type FixtureSpec, startWorkerd, type WorkerdLog, type WorkerdStack } from './start-workerd.ts';

export interface BenchStack extends WorkerdStack {
  backing: BenchBacking;
}

export interface StartStackOptions {
  /** More Worker vars, on top of the backing services' ones. */
  bindings?: Record<string, string>;
  onLog?: WorkerdLog;
  /** Wrangler configs of bench fixture Workers to serve as well (see startWorkerd). */
  fixtures?: FixtureSpec[];
  inspectorPort?: number;
}

export async function startStack(options: StartStackOptions = {}): Promise<BenchStack> {
  const backing = await startBenchBacking();
  const fake = backing.services.fakeLlmUrl;
  try {
    const workerd = await startWorkerd({
      bindings: { ...backing.vars, ...options.bindings },
      // The bare Worker's direct call goes to the fake Moonshot, like the router's `moonshot/kimi-k2.5`.
      bareBindings: fake ? { UPSTREAM_CHAT_URL: `${fake}/moonshot/v1/chat/completions` } : {},
      onLog: options.onLog,
      fixtures: options.fixtures,
      inspectorPort: options.inspectorPort,
    });
    return {
      ...workerd,
      backing,
      dispose: async () => {
        await workerd.dispose();
        await backing.close();
      },
    };
  } catch (error) {
    await backing.close();
    throw error;
  }
}
