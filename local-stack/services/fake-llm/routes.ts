import type { IncomingHttpHeaders } from 'node:http';
import * as anthropic from './anthropic.ts';
import type { Handler } from './context.ts';
import type { ErrorStyle } from './faults.ts';
import * as ollama from './ollama.ts';
import * as openai from './openai.ts';

export interface Route {
  provider: string;
  style: ErrorStyle;
  handler: Handler;
}

const ROOTS = new Set(['v1', 'api']);
const PROVIDER = /^[a-z0-9][a-z0-9_.-]{0,63}$/i;

/**
 * `/{provider}/v1/...` or `/v1/...`: the optional first segment names the provider being stood in for.
 * Without it, OpenAI paths count as `openai`, `/v1/messages` as `anthropic` and `/api/*` as `ollama`.
 */
export function findRoute(method: string, pathname: string, headers: IncomingHttpHeaders): Route | undefined {
  const segments = pathname.split('/').filter(Boolean);
  let prefix: string | undefined;
  if (segments.length > 1 && !ROOTS.has(segments[0] ?? '') && PROVIDER.test(segments[0] ?? ''))
    prefix = segments.shift();
  const path = segments.join('/');
  const anthropicClient = headers['anthropic-version'] !== undefined;

  const pick = (defaultProvider: string, style: ErrorStyle, handler: Handler): Route => ({
    provider: prefix ?? defaultProvider,
    style,
    handler,
  });

  if (method === 'POST') {
    if (path === 'v1/chat/completions') return pick('openai', 'openai', openai.chatCompletions);
    if (path === 'v1/embeddings') return pick('openai', 'openai', openai.embeddings);
    if (path === 'v1/messages') return pick('anthropic', 'anthropic', anthropic.messages);
    if (path === 'api/embed') return pick('ollama', 'ollama', ollama.embedTexts);
    if (path === 'api/pull') return pick('ollama', 'ollama', ollama.pull);
  }
  if (method === 'GET') {
    if (path === 'v1/models') {
      return anthropicClient
        ? pick('anthropic', 'anthropic', anthropic.models)
        : pick('openai', 'openai', openai.models);
    }
    if (path === 'api/tags') return pick('ollama', 'ollama', ollama.tags);
  }
  return undefined;
}
