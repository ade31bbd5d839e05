// Everything a benchmark of the Empire Worker needs, started together and stopped together:
// backing services, then one workerd serving the Empire Worker and the bare baseline.
import { type BenchBacking, startBenchBacking } from './backing.ts';
import { startWorkerd, type WorkerdLog, type WorkerdStack } from './start-workerd.ts';

export interface BenchStack extends WorkerdStack {
  backing: BenchBacking;
}

export interface StartStackOptions {
  /** More Worker vars, on top of the backing services' ones. */
  bindings?: Record<string, string>;
  onLog?: WorkerdLog;
}

export async function startStack(options: StartStackOptions = {}): Promise<BenchStack> {
  const backing = await startBenchBacking();
  try {
    const workerd = await startWorkerd({ bindings: { ...backing.vars, ...options.bindings }, onLog: options.onLog });
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
