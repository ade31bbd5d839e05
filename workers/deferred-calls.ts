import { budgetLedger } from '../durable-objects/clients';
import type { BudgetRoom } from '../src/llm/deferral-room';
import { roomKey } from '../src/llm/deferral-room';
import { deferOverBudget } from '../src/llm/over-budget-policy';
import type { DeferredRunDeps } from '../src/llm/run-deferred';
import type { Services } from '../src/services';

/** The room under every cap, read from the ledger in one call. */
export function budgetRoom(env: Env): BudgetRoom {
  return {
    async left() {
      const snapshot = await budgetLedger(env).snapshot();
      const left = new Map<string, number>();
      for (const usage of snapshot.usage) {
        if (usage.capMicros === null) continue;
        left.set(roomKey(usage.scope, usage.window), usage.capMicros - usage.spentMicros - usage.reservedMicros);
      }
      return left;
    },
  };
}

/** What running a deferred call needs, wired to this Worker's bindings. */
export function deferredRunDeps(env: Env, services: Services): DeferredRunDeps {
  return {
    db: services.d1,
    queue: env.JOBS,
    routerWith: (deferrer) => services.llm(deferOverBudget(deferrer)),
    room: budgetRoom(env),
  };
}
