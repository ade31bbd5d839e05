import { configPath, DEFAULT_URL, readConfig } from './config.ts';
import { Api } from './http.ts';

/** The API client for a command: --url, then EMPIRE_URL, then the stored login, then the default. */
export function session(url: string | undefined, env: NodeJS.ProcessEnv = process.env): Api {
  const file = configPath(env);
  const config = readConfig(file);
  const base = url ?? (env.EMPIRE_URL || undefined) ?? config?.url ?? DEFAULT_URL;
  // A stored token belongs to the server it came from.
  const sameServer = config && config.url.replace(/\/+$/, '') === base.replace(/\/+$/, '');
  return new Api({
    url: base,
    config: sameServer ? config : undefined,
    envKey: env.EMPIRE_API_KEY || undefined,
    configFile: sameServer ? file : undefined,
  });
}
