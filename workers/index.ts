import { app } from './app';
import { handleScheduled } from './cron';
import { handleQueue } from './queue';

export { BrainAgent } from '../durable-objects/agent';
export { BudgetLedger } from '../durable-objects/budget';
export { EventHub } from '../durable-objects/events';
export { SwarmRun } from '../durable-objects/swarm';
export { TokenKeys } from '../durable-objects/token-keys';
export { BusinessWorkflow } from './business-workflow';

export default {
  fetch: app.fetch,
  queue: handleQueue,
  scheduled: handleScheduled,
} satisfies ExportedHandler<Env>;
