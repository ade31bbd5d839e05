import { agentObject } from '../durable-objects/clients';
import type { AgentId } from '../src/agents/personas';
import type { AgentClient } from '../src/agents/run-agent';
import { changingAgent } from './brain-summaries';

/** The orchestrator's view of one agent's Durable Object. */
export function agentClient(env: Env, agent: AgentId): AgentClient {
  const stub = agentObject(env, agent);
  return {
    begin: (actionId, summary) => changingAgent(stub.begin(agent, actionId, summary)),
    tokens: (actionId, text, client) => stub.tokens(agent, actionId, text, client),
    finish: (outcome) => changingAgent(stub.finish(agent, outcome)),
    fail: (actionId, error) => changingAgent(stub.fail(agent, actionId, error)),
    context: () => stub.context(agent),
  };
}
