import { z } from 'zod';
import type { ToolDefinition } from '../../llm/types';

/** A page a tool read: what a claim may cite. */
export interface FetchedSource {
  url: string;
  title: string;
}

export interface ToolOutput {
  /** What the model reads back, as JSON text or plain text. */
  content: string;
  /** Pages this run actually fetched. */
  sources?: FetchedSource[];
}

export interface ToolRunContext {
  /** Ends the run when the loop's time is up. */
  signal: AbortSignal;
  requestId: string;
}

/** A function a model may call: its name, what it does, its arguments' schema, and its handler. */
export interface AgentTool<Args = unknown> {
  name: string;
  description: string;
  args: z.ZodType<Args>;
  run(args: Args, context: ToolRunContext): Promise<ToolOutput>;
}

export function defineTool<Args>(tool: AgentTool<Args>): AgentTool<unknown> {
  return tool as AgentTool<unknown>;
}

/** The definition the router sends: the JSON Schema is derived from the zod schema that checks the call. */
export function toolDefinition(tool: AgentTool<unknown>): ToolDefinition {
  const { $schema: _dialect, ...parameters } = z.toJSONSchema(tool.args, { io: 'input' }) as Record<string, unknown>;
  return { name: tool.name, description: tool.description, parameters };
}

/** A tool's answer as JSON text. */
export const jsonOutput = (value: unknown, sources?: FetchedSource[]): ToolOutput => ({
  content: JSON.stringify(value),
  ...(sources ? { sources } : {}),
});
