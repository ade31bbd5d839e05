import { z } from 'zod';
import { blankIsUnset, defaultedWhole } from './defaulted-whole.ts';

const BRAVE_SEARCH_URL = 'https://api.search.brave.com/res/v1/web/search';

// Host names, or `*.example.com` for a domain's subdomains; no schemes, paths or ports.
const hostList = z.preprocess(
  blankIsUnset,
  z
    .string()
    .regex(
      /^\s*((\*\.)?[a-z0-9.-]+|\[[0-9a-f:.]+\])(\s*,\s*((\*\.)?[a-z0-9.-]+|\[[0-9a-f:.]+\]))*\s*$/i,
      'must be host names separated by commas (example.com, *.example.com)',
    )
    .optional(),
);

export const toolVariables = {
  WEB_SEARCH_API_KEY: z.preprocess(blankIsUnset, z.string().min(1).optional()),
  WEB_SEARCH_URL: z.preprocess(
    blankIsUnset,
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  ),
  WEB_FETCH_ALLOW: hostList,
  WEB_FETCH_MAX_BYTES: defaultedWhole(1_024, 10_000_000, 1_000_000),
  WEB_FETCH_TIMEOUT_MS: defaultedWhole(100, 60_000, 10_000),
  TOOL_MAX_CALLS_PER_TURN: defaultedWhole(1, 50, 8),
  TOOL_MAX_BYTES: defaultedWhole(1_000, 5_000_000, 200_000),
  TOOL_MAX_SECONDS: defaultedWhole(1, 900, 120),
};

const variablesSchema = z.object({ ...toolVariables, ENVIRONMENT: z.string() });
type Vars = z.output<typeof variablesSchema>;

/** What agents' and tasks' tools may do: where they search, which hosts they read, and their limits. */
export interface ToolSettings {
  /** The Brave Search API; undefined when no key is set (web_search then says it is not configured). */
  search?: { url: string; apiKey: string };
  fetch: {
    allow: string[];
    /** A loopback host on the allow-list is read in development only. */
    loopbackAllowed: boolean;
    maxBytes: number;
    timeoutMs: number;
  };
  limits: { maxCallsPerTurn: number; maxTotalBytes: number; maxSeconds: number };
}

export function toolSettings(vars: Vars): ToolSettings {
  return {
    search: vars.WEB_SEARCH_API_KEY
      ? { url: vars.WEB_SEARCH_URL ?? BRAVE_SEARCH_URL, apiKey: vars.WEB_SEARCH_API_KEY }
      : undefined,
    fetch: {
      allow: (vars.WEB_FETCH_ALLOW ?? '')
        .split(',')
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
      loopbackAllowed: vars.ENVIRONMENT === 'development',
      maxBytes: vars.WEB_FETCH_MAX_BYTES,
      timeoutMs: vars.WEB_FETCH_TIMEOUT_MS,
    },
    limits: {
      maxCallsPerTurn: vars.TOOL_MAX_CALLS_PER_TURN,
      maxTotalBytes: vars.TOOL_MAX_BYTES,
      maxSeconds: vars.TOOL_MAX_SECONDS,
    },
  };
}
