import type { AuditWriter } from '../audit/entry';
import { errorMessage } from '../lib/error-message';
import type { LlmRouter } from '../llm/router';
import type { ChatRequest, ChatResult, TaskClass } from '../llm/types';
import type { Priority } from './actions-store';
import type { AgentId } from './personas';
import { personas } from './personas';
import { runToolLoop, type ToolLimits } from './tool-loop';
import type { AgentTool } from './tools/tool';

/** What the orchestrator needs from an agent's Durable Object. */
export interface AgentClient {
  begin(actionId: string, summary: string): Promise<void>;
  /** `client` is who asked: the live stream shows the tokens to that client and the owner. */
  tokens(actionId: string, text: string, client: string): Promise<void>;
  finish(outcome: {
    actionId: string;
    prompt: string;
    text: string;
    tokensIn: number;
    tokensOut: number;
    costMicros: number;
    client: string;
  }): Promise<void>;
  fail(actionId: string, error: string): Promise<void>;
  context(): Promise<{ role: 'user' | 'assistant'; content: string }[]>;
}

const cheaper: Record<TaskClass, TaskClass> = { strategic: 'research', research: 'simple', simple: 'simple' };

/** Low priority runs one model class cheaper than the agent's own. */
export const classFor = (agent: AgentId, priority: Priority): TaskClass =>
  priority === 'low' ? cheaper[personas[agent].taskClass] : personas[agent].taskClass;

// Tokens are forwarded to subscribers in small batches, not one RPC per token.
const FLUSH_CHARS = 160;

export interface AgentTurnRequest {
  agent: AgentId;
  client: AgentClient;
  router: LlmRouter;
  actionId: string;
  /** The task, already wrapped so that outside text is marked as data. */
  prompt: string;
  priority: Priority;
  requestId: string;
  requestedBy: string;
  /** The agent's tools; with none it streams its answer token by token. */
  tools?: { list: AgentTool<unknown>[]; limits: ToolLimits; audit: AuditWriter };
}

/** A turn with tools: the loop's model turns are not streamed, its answer goes out in one piece. */
async function toolTurn(turn: AgentTurnRequest, request: ChatRequest, tools: NonNullable<AgentTurnRequest['tools']>) {
  const outcome = await runToolLoop(request, {
    router: turn.router,
    tools: tools.list,
    limits: tools.limits,
    audit: tools.audit,
    actor: { kind: 'agent', id: turn.agent },
  });
  const result: ChatResult = { ...outcome.result, costMicros: outcome.costMicros };
  if (result.text) await turn.client.tokens(turn.actionId, result.text, turn.requestedBy);
  await turn.client.finish({
    actionId: turn.actionId,
    prompt: turn.prompt,
    text: result.text,
    tokensIn: result.usage.inputTokens,
    tokensOut: result.usage.outputTokens,
    costMicros: result.costMicros,
    client: turn.requestedBy,
  });
  return result;
}

/** One agent answers one prompt through the router, streaming its tokens to subscribers. */
export async function runAgentTurn(turn: AgentTurnRequest): Promise<ChatResult> {
  const { agent, client, actionId } = turn;
  await client.begin(actionId, turn.prompt.replace(/<\/?data>/g, '').slice(0, 200));
  try {
    const history = await client.context();
    const request: ChatRequest = {
      messages: [
        { role: 'system', content: personas[agent].system },
        ...history,
        { role: 'user', content: turn.prompt },
      ],
      maxTokens: 1_024,
      taskClass: classFor(agent, turn.priority),
      scopes: { agent, client: turn.requestedBy },
      requestId: turn.requestId,
    };
    if (turn.tools && turn.tools.list.length > 0) return await toolTurn(turn, request, turn.tools);
    const stream = turn.router.stream(request);
    let pending = '';
    for await (const event of stream) {
      if (event.type === 'text') {
        pending += event.text;
        if (pending.length >= FLUSH_CHARS) {
          await client.tokens(actionId, pending, turn.requestedBy);
          pending = '';
        }
      } else if (event.type === 'done') {
        if (pending) await client.tokens(actionId, pending, turn.requestedBy);
        const { result } = event;
        await client.finish({
          actionId,
          prompt: turn.prompt,
          text: result.text,
          tokensIn: result.usage.inputTokens,
          tokensOut: result.usage.outputTokens,
          costMicros: result.costMicros,
          client: turn.requestedBy,
        });
        return result;
      }
    }
    throw new Error('the model stream ended without a result');
  } catch (error) {
    await client.fail(actionId, errorMessage(error));
    throw error;
  }
}
