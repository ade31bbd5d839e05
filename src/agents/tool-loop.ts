import type { AuditInput, AuditWriter } from '../audit/entry';
import { errorMessage } from '../lib/error-message';
import type { ChatMessage, ChatRequest, ChatResult, ToolCall } from '../llm/types';
import { type AgentTool, type FetchedSource, toolDefinition } from './tools/tool';
import { ToolRefusal } from './tools/tool-errors';

export interface ToolLimits {
  /** Tool calls run for one prompt, over all its model turns. */
  maxCallsPerTurn: number;
  /** UTF-8 bytes of tool results fed back to the model, in all. */
  maxTotalBytes: number;
  /** Wall time for the whole loop, model turns included. */
  maxSeconds: number;
}

/** The router's public call, all the loop needs of it: every model turn is budgeted and ledgered there. */
export interface ChatPort {
  chat(request: ChatRequest): Promise<ChatResult>;
}

export interface ToolLoopDeps {
  router: ChatPort;
  tools: readonly AgentTool<unknown>[];
  limits: ToolLimits;
  audit: AuditWriter;
  /** Who runs the tools, as the audit log names them. */
  actor: AuditInput['actor'];
  now?: () => number;
  /** Told the cost of each model turn as it is paid, so a loop that fails later is still accounted for. */
  onSpend?: (micros: number) => void;
}

type LimitReached = 'calls' | 'bytes' | 'time';

export interface ToolLoopOutcome {
  /** The model's last answer. */
  result: ChatResult;
  costMicros: number;
  modelTurns: number;
  toolCalls: number;
  bytes: number;
  /** Every page a tool read during the loop, once each. */
  sources: FetchedSource[];
  /** Set when a limit cut the loop short. */
  limit?: LimitReached;
}

const utf8Bytes = (text: string) => new TextEncoder().encode(text).byteLength;

/** The longest start of `text` that fits in `bytes` of UTF-8, never splitting a character. */
function cutToBytes(text: string, bytes: number): string {
  if (bytes <= 0) return '';
  const encoded = new TextEncoder().encode(text).slice(0, bytes);
  return new TextDecoder().decode(encoded).replace(/\uFFFD$/, '');
}
const limitNotes: Record<LimitReached, string> = {
  calls: 'no more tool calls in this turn',
  bytes: 'no more tool output in this turn',
  time: 'the time for tools in this turn is up',
};

/** A short, secret-free account of what a tool was asked, for the audit log. */
const argumentSummary = (text: string) => text.replace(/\s+/g, ' ').slice(0, 200);

/**
 * Runs a prompt with tools: each model turn through the router (budget, ledger), each call the
 * model asks for checked against its tool's schema, run, audited and answered with a `tool`
 * message, until the model answers without calls or a limit is reached. At a limit the pending
 * calls are answered with the limit, and the model gets one more turn to answer from what it has.
 */
export async function runToolLoop(request: ChatRequest, deps: ToolLoopDeps): Promise<ToolLoopOutcome> {
  const now = deps.now ?? Date.now;
  const deadline = now() + deps.limits.maxSeconds * 1_000;
  const byName = new Map(deps.tools.map((tool) => [tool.name, tool]));
  const definitions = deps.tools.map(toolDefinition);
  const messages: ChatMessage[] = [...request.messages];
  const sources = new Map<string, FetchedSource>();
  const state = { costMicros: 0, modelTurns: 0, toolCalls: 0, bytes: 0, limit: undefined as LimitReached | undefined };

  const runCall = async (call: ToolCall): Promise<string> => {
    const started = now();
    const audit = (outcome: AuditInput['outcome'], bytes: number, error?: string) =>
      deps.audit.record({
        actor: deps.actor,
        action: 'agent.tool',
        target: { type: 'tool', id: call.name },
        outcome,
        requestId: request.requestId,
        details: {
          tool: call.name,
          args: argumentSummary(call.arguments),
          bytes,
          durationMs: now() - started,
          ...(error ? { error: error.slice(0, 300) } : {}),
        },
      });
    const refuse = (message: string, outcome: AuditInput['outcome'] = 'refused') => {
      audit(outcome, 0, message);
      return JSON.stringify({ error: message });
    };
    if (state.limit) return refuse(`limit reached: ${limitNotes[state.limit]}; answer now from what you have`);
    if (state.toolCalls >= deps.limits.maxCallsPerTurn) {
      state.limit = 'calls';
      return refuse(`limit reached: at most ${deps.limits.maxCallsPerTurn} tool calls in a turn; answer now`);
    }
    if (now() >= deadline) {
      state.limit = 'time';
      return refuse(`limit reached: ${limitNotes.time}; answer now from what you have`);
    }
    state.toolCalls += 1;
    const tool = byName.get(call.name);
    if (!tool) return refuse(`there is no tool named ${call.name}`);
    let parsedJson: unknown;
    try {
      parsedJson = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
    } catch {
      return refuse('the arguments are not valid JSON');
    }
    const args = tool.args.safeParse(parsedJson);
    if (!args.success)
      return refuse(
        `invalid arguments: ${args.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ')}`,
      );
    try {
      const output = await tool.run(args.data, {
        signal: AbortSignal.timeout(Math.max(1, deadline - now())),
        requestId: request.requestId,
      });
      let content = output.content;
      const room = deps.limits.maxTotalBytes - state.bytes;
      if (utf8Bytes(content) > room) {
        state.limit = 'bytes';
        content = `${cutToBytes(content, room)}\n[cut: ${limitNotes.bytes}]`;
      }
      const bytes = utf8Bytes(content);
      state.bytes += bytes;
      for (const source of output.sources ?? []) sources.set(source.url, source);
      audit('ok', bytes);
      return content;
    } catch (error) {
      const refused = error instanceof ToolRefusal;
      return refuse(
        refused ? error.message : `the tool failed: ${errorMessage(error)}`,
        refused ? 'refused' : 'failed',
      );
    }
  };

  for (;;) {
    // After a limit the model answers once more; if it still asks for tools, the loop ends there.
    const finalTurn = state.limit !== undefined;
    const result = await deps.router.chat({ ...request, messages, tools: definitions, toolChoice: 'auto' });
    state.modelTurns += 1;
    state.costMicros += result.costMicros;
    deps.onSpend?.(result.costMicros);
    const calls = result.finishReason === 'tool_calls' ? (result.toolCalls ?? []) : [];
    if (calls.length === 0 || finalTurn) {
      const { limit, ...counts } = state;
      return { result, ...counts, sources: [...sources.values()], ...(limit ? { limit } : {}) };
    }
    messages.push({ role: 'assistant', content: result.text, toolCalls: calls });
    for (const call of calls) messages.push({ role: 'tool', toolCallId: call.id, content: await runCall(call) });
  }
}
