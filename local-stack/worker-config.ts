import { join } from 'node:path';
import { experimental_readRawConfig } from 'wrangler';
import { ConfigError, parseConfig } from '../src/config/config.ts';
import { readDevVars } from './dev-vars.ts';

/**
 * The variables the Worker sees under `wrangler dev`: wrangler.toml's [vars], overridden by
 * .dev.vars, overridden by the values the stack passes with --var.
 */
export async function workerVars(root: string, passed: Record<string, string>): Promise<Record<string, unknown>> {
  const { rawConfig } = experimental_readRawConfig({ config: join(root, 'wrangler.toml') });
  return { ...rawConfig.vars, ...(await readDevVars(join(root, '.dev.vars'))), ...passed };
}

/** The Worker's own config check, run before serving: the problem, naming each variable, or undefined. */
export function configProblem(vars: Record<string, unknown>): string | undefined {
  try {
    parseConfig(vars);
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
}
