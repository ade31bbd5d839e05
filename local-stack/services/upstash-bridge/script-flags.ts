import { createHash } from 'node:crypto';
import type { Command } from './types.ts';

// Upstash accepts the `allow-key-locking` script flag; Redis 7.0 (Debian 12) rejects any flag it
// does not know. The bridge drops that flag and remembers the rewritten script's SHA so that
// EVALSHA with the client's own hash still finds it.
const UNKNOWN_FLAGS = new Set(['allow-key-locking']);

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

function withoutUnknownFlags(script: string): string {
  const match = /^#!lua flags=([^\n]*)\n/.exec(script);
  if (!match?.[1]) return script;
  const kept = match[1].split(',').filter((flag) => flag && !UNKNOWN_FLAGS.has(flag.trim()));
  return script.replace(match[0], kept.length > 0 ? `#!lua flags=${kept.join(',')}\n` : '#!lua\n');
}

export function createScriptRewriter() {
  const shaOf = new Map<string, string>();
  const rewrite = (script: string): string => {
    const changed = withoutUnknownFlags(script);
    if (changed !== script) shaOf.set(sha1(script), sha1(changed));
    return changed;
  };
  return (command: Command): Command => {
    const [name = '', ...args] = command;
    const upper = name.toUpperCase();
    if ((upper === 'EVAL' || upper === 'EVAL_RO') && args[0] !== undefined)
      return [name, rewrite(args[0]), ...args.slice(1)];
    if ((upper === 'EVALSHA' || upper === 'EVALSHA_RO') && args[0] !== undefined) {
      return [name, shaOf.get(args[0].toLowerCase()) ?? args[0], ...args.slice(1)];
    }
    if (upper === 'SCRIPT' && args[0]?.toUpperCase() === 'LOAD' && args[1] !== undefined)
      return [name, args[0], rewrite(args[1])];
    return command;
  };
}
