import type { z } from 'zod';
import type { ChatRequest, ChatResult } from '../llm/types';

export interface ChatClient {
  chat(request: ChatRequest): Promise<ChatResult>;
}

/** The model's answer as JSON, fences stripped; undefined when it is not JSON at all. */
export function parseJsonAnswer(text: string): unknown {
  const body = text
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export type Reading<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Validates a model's answer against `schema`; nothing unvalidated leaves this function. */
export function readAnswer<T>(text: string, schema: z.ZodType<T>): Reading<T> {
  const json = parseJsonAnswer(text);
  if (json === undefined) return { ok: false, problem: 'the answer is not JSON' };
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    problem: `the answer did not validate: ${issue?.path.join('.') || 'root'} ${issue?.message ?? ''}`.trim(),
  };
}

/** Text from outside (a topic, a post) goes to the model as a JSON string inside <data>, never as instructions. */
export const asData = (value: unknown) => `<data>${JSON.stringify(value)}</data>`;
