// The Empire Worker's BudgetLedger Durable Object as a benchmark reads and sets it from Node,
// through Miniflare's proxy of the binding: RPC `snapshot` and `setCap`. The proxy's types do not
// describe RPC, so methods are looked up and results checked at run time.
import { z } from 'zod';
import type { WorkerdStack } from './start-workerd.ts';

const usageSchema = z.object({
  scope: z.object({ kind: z.string(), id: z.string() }),
  window: z.enum(['day', 'month']),
  capMicros: z.number().nullable(),
  spentMicros: z.number(),
  reservedMicros: z.number(),
  calls: z.number(),
});
const snapshotSchema = z.object({ usage: z.array(usageSchema) });

export type ScopeUsage = z.infer<typeof usageSchema>;
export type Window = ScopeUsage['window'];

export interface LedgerScope {
  kind: 'global' | 'agent' | 'task' | 'run' | 'client';
  id: string;
}

export const GLOBAL: LedgerScope = { kind: 'global', id: '*' };

export interface BudgetLedgerHandle {
  name: string;
  /** Current-window usage of one scope; zeros when nothing was charged to it yet. */
  usage(scope: LedgerScope, window?: Window): Promise<ScopeUsage>;
  setCap(scope: LedgerScope, window: Window, capMicros: number | null): Promise<void>;
}

async function call(target: object, method: string, ...args: unknown[]): Promise<unknown> {
  const fn: unknown = Reflect.get(target, method);
  if (typeof fn !== 'function') throw new Error(`BudgetLedger proxy: no method ${method}`);
  return await Reflect.apply(fn, target, args);
}

/** The ledger object named `name` (the Worker uses 'global') of the Empire Worker's BUDGET binding. */
export async function budgetLedger(stack: WorkerdStack, name: string): Promise<BudgetLedgerHandle> {
  const namespace: object = await stack.mf.getDurableObjectNamespace('BUDGET', stack.workerName);
  const stub = await call(namespace, 'getByName', name);
  if (typeof stub !== 'object' || stub === null) throw new Error(`BudgetLedger proxy: no stub for ${name}`);
  return {
    name,
    usage: async (scope, window = 'day') => {
      const snapshot = snapshotSchema.parse(await call(stub, 'snapshot'));
      const found = snapshot.usage.find(
        (row) => row.scope.kind === scope.kind && row.scope.id === scope.id && row.window === window,
      );
      return found ?? { scope, window, capMicros: null, spentMicros: 0, reservedMicros: 0, calls: 0 };
    },
    setCap: async (scope, window, capMicros) => {
      await call(stub, 'setCap', scope, window, capMicros);
    },
  };
}

/**
 * Polls until nothing is reserved on `scope` any more (leases close in the background, an idle one
 * after a short grace, and a closed lease stays reserved until its calls' rows are recorded), or
 * `maxSeconds` pass; returns the last usage seen.
 */
export async function settledUsage(
  ledger: BudgetLedgerHandle,
  scope: LedgerScope,
  maxSeconds = 5,
): Promise<{ usage: ScopeUsage; waitedMs: number }> {
  const started = Date.now();
  for (;;) {
    const usage = await ledger.usage(scope);
    const waitedMs = Date.now() - started;
    if (usage.reservedMicros === 0 || waitedMs >= maxSeconds * 1000) return { usage, waitedMs };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
