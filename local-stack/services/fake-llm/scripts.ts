import type { Json, JsonObject } from './http.ts';
import { isObject } from './http.ts';
import { contentText } from './text.ts';

/** One scripted model turn: a function call, or a text answer. */
export type ScriptTurn = { call: { name: string; arguments: JsonObject } } | { text: string };

interface Script {
  match: string;
  turns: ScriptTurn[];
}

const MAX_SCRIPTS = 200;

/** A script as posted to `/__fake/scripts`, or the problem with it. */
export function parseScript(body: JsonObject): Script | string {
  const { match, turns } = body;
  if (typeof match !== 'string' || match.length < 4) return 'match must be a string of at least 4 characters';
  if (!Array.isArray(turns) || turns.length === 0) return 'turns must be a non-empty list';
  const parsed: ScriptTurn[] = [];
  for (const turn of turns) {
    if (isObject(turn) && typeof turn.text === 'string') parsed.push({ text: turn.text });
    else if (isObject(turn) && isObject(turn.call) && typeof turn.call.name === 'string')
      parsed.push({
        call: { name: turn.call.name, arguments: isObject(turn.call.arguments) ? turn.call.arguments : {} },
      });
    else return 'each turn is {"text": "..."} or {"call": {"name": "...", "arguments": {...}}}';
  }
  return { match, turns: parsed };
}

/**
 * Scripted conversations: a chat whose system or user messages contain a script's `match` gets
 * the script's turn numbered by the assistant turns since its last user message, so a tool loop can be
 * led through search, fetch and answer. Stateless per request: the conversation says where it is.
 */
export class ScriptBook {
  private readonly scripts: Script[] = [];

  add(script: Script): void {
    this.scripts.unshift(script);
    this.scripts.length = Math.min(this.scripts.length, MAX_SCRIPTS);
  }

  clear(): number {
    return this.scripts.splice(0).length;
  }

  turnFor(messages: Json[]): ScriptTurn | undefined {
    const objects = messages.filter(isObject);
    const prompt = objects
      .filter((message) => message.role === 'system' || message.role === 'user')
      .map((message) => contentText(message.content))
      .join('\n');
    const script = this.scripts.find((candidate) => prompt.includes(candidate.match));
    if (!script) return undefined;
    // Earlier exchanges (an agent's history) end at the last user message; the turns after it are this one's.
    const lastUser = objects.map((message) => message.role).lastIndexOf('user');
    const answered = objects.slice(lastUser + 1).filter((message) => message.role === 'assistant').length;
    return script.turns[Math.min(answered, script.turns.length - 1)];
  }
}
