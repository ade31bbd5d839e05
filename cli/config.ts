import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliError, exitCodes } from './errors.ts';

export const DEFAULT_URL = 'http://127.0.0.1:8787';

export interface Config {
  url: string;
  token?: string;
  /** UTC ISO time the token stops being accepted. */
  expiresAt?: string;
  role?: string;
  /** Kept so the 24-hour token can be renewed without asking again. */
  apiKey?: string;
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'empire', 'config.json');
}

function isConfig(value: unknown): value is Config {
  return typeof value === 'object' && value !== null && typeof (value as { url?: unknown }).url === 'string';
}

export function readConfig(path = configPath()): Config | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (isConfig(parsed)) return parsed;
  } catch {
    // Reported below with the path, which is what the user needs to fix it.
  }
  throw new CliError(`${path} is not a valid config file; run \`empire login\` again`, exitCodes.other);
}

export function writeConfig(config: Config, path = configPath()): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  // writeFileSync's mode only applies when it creates the file.
  chmodSync(path, 0o600);
}

export function removeConfig(path = configPath()): boolean {
  try {
    rmSync(path);
    return true;
  } catch {
    return false;
  }
}
