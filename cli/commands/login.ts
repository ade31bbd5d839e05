import { noMorePositionals, parse } from '../args.ts';
import type { Command } from '../command.ts';
import { type Config, configPath, DEFAULT_URL, readConfig, removeConfig, writeConfig } from '../config.ts';
import { usageError } from '../errors.ts';
import { exchangeKey } from '../http.ts';
import { print, printJson } from '../output.ts';
import { promptSecret } from '../prompt.ts';

function storedConfig(): Config | undefined {
  try {
    return readConfig();
  } catch {
    // A broken file is about to be replaced.
    return undefined;
  }
}

export const login: Command = {
  name: 'login',
  summary: 'Exchange an API key for a 24 h token and keep it in the config directory',
  usage: 'empire login [--key emp_...] [--url http://127.0.0.1:8787]   (or EMPIRE_API_KEY, EMPIRE_URL)',
  async run(args) {
    const { values, positionals } = parse(args, { key: { type: 'string' } });
    noMorePositionals(positionals, 0);
    const url = (values.url ?? (process.env.EMPIRE_URL || undefined) ?? storedConfig()?.url ?? DEFAULT_URL).replace(
      /\/+$/,
      '',
    );
    const key = values.key ?? (process.env.EMPIRE_API_KEY || undefined) ?? (await promptSecret('API key: '));
    if (!key) throw usageError('An API key is needed: --key, EMPIRE_API_KEY or type it when asked');
    const grant = await exchangeKey(url, key);
    const path = configPath();
    writeConfig({ url, token: grant.token, expiresAt: grant.expiresAt, role: grant.role, apiKey: key }, path);
    if (values.json) printJson({ url, role: grant.role, expiresAt: grant.expiresAt, config: path });
    else print(`Logged in to ${url} as ${grant.role}; token valid until ${grant.expiresAt} (saved in ${path})`);
  },
};

export const logout: Command = {
  name: 'logout',
  summary: 'Forget the stored token and key',
  usage: 'empire logout',
  async run(args) {
    const { values, positionals } = parse(args, {});
    noMorePositionals(positionals, 0);
    const path = configPath();
    const removed = removeConfig(path);
    if (values.json) printJson({ loggedOut: removed, config: path });
    else print(removed ? `Logged out (removed ${path})` : 'Not logged in');
  },
};
