import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { usageError } from './errors.ts';

// Every command takes these, so `--json` and `--url` work in any position.
const common = {
  json: { type: 'boolean' },
  url: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

export function parse<O extends ParseArgsOptionsConfig>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...common, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
}

export function positional(positionals: string[], index: number, name: string): string {
  const value = positionals[index];
  if (value === undefined || value === '') throw usageError(`Missing <${name}>`);
  return value;
}

export function noMorePositionals(positionals: string[], count: number): void {
  if (positionals.length > count) throw usageError(`Unexpected argument: ${positionals[count]}`);
}

export function positiveNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw usageError(`--${name} must be a positive number`);
  return number;
}
