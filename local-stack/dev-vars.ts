import { readFile } from 'node:fs/promises';

/** Reads KEY=VALUE lines (comments and blanks skipped, surrounding quotes removed). */
export async function readDevVars(path: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return {};
  }
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    const [, key, raw = ''] = match;
    if (key) vars[key] = raw.replace(/^(['"])(.*)\1$/, '$2');
  }
  return vars;
}
