import { env } from 'cloudflare:workers';
import { ConfigError, parseConfig } from '../../src/config/config';

/** The test environment's bindings as the config reads them. */
export const baseEnv = { ...env } as unknown as Record<string, unknown>;

/** The names of the variables the config refuses with `overrides` applied; none when it parses. */
export function problemsWith(overrides: Record<string, unknown>): string[] {
  try {
    parseConfig({ ...baseEnv, ...overrides });
  } catch (error) {
    if (error instanceof ConfigError) return error.variables.map((v) => v.name);
    throw error;
  }
  return [];
}
