import type { PostgresDatabase } from '../db/postgres';
import { queueDelaySeconds } from '../llm/deferrals';
import type { Deferrer } from '../llm/over-budget-policy';
import { settleAction } from './actions-store';

/** An action over budget waits whole: it goes back on the queue until its cap has room. */
export function actionDeferrer(
  db: PostgresDatabase,
  queue: Queue,
  actionId: string,
  /** Carried along, marked as told, so a chat that asked hears of the wait once. */
  reply?: { chatId: number; messageId: number },
): Deferrer {
  return {
    async defer(_request, refusal) {
      await settleAction(db, actionId, {
        status: 'queued',
        error: `waiting for budget: ${refusal.scope.kind}:${refusal.scope.id} ${refusal.window} cap`,
      });
      await queue.send(
        { kind: 'agent.action', actionId, ...(reply ? { reply: { ...reply, waiting: true } } : {}) },
        { delaySeconds: queueDelaySeconds(refusal.retryAt) },
      );
      return actionId;
    },
  };
}
