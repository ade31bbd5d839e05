import type { Scope } from '../src/budget/scopes';
import { errorFields, type Logger } from '../src/observability/logger';
import type { RunProgress } from '../src/reactor/swarm-types';

export interface RunLedger {
  scopeSpentMicros(scope: Scope): Promise<number>;
}

/**
 * A run's cost is what the budget ledger charged to its scope, not the sum of its jobs' reports: a
 * job whose consumer died after its call was paid for and before it reported is sent again, and
 * only the ledger has the first attempt (and a lease the crash cut short, written off at expiry).
 * If the ledger does not answer, the reports' sum stands in.
 */
export async function withLedgerCost(progress: RunProgress, ledger: RunLedger, log: Logger): Promise<RunProgress> {
  try {
    return { ...progress, costMicros: await ledger.scopeSpentMicros({ kind: 'run', id: progress.runId }) };
  } catch (error) {
    log.warn('run cost taken from its reports: the budget ledger did not answer', {
      runId: progress.runId,
      ...errorFields(error),
    });
    return progress;
  }
}
