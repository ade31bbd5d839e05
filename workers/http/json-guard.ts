import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';
import { AppError } from './errors';

/** Deeper than any body this API takes; JSON.stringify, structured clone and zod recurse per level. */
export const MAX_JSON_DEPTH = 64;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

/**
 * Why a JSON text must be refused before it is parsed, or undefined. One pass, no parsing: depth
 * counted outside strings, and `\u0000` inside them, which PostgreSQL cannot store in text.
 */
export function jsonHazard(text: string, maxDepth = MAX_JSON_DEPTH): string | undefined {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c) {
        if (text.startsWith('u0000', index + 1)) return 'JSON strings may not contain NUL (\\u0000) characters';
        index += 1;
      } else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      depth += 1;
      if (depth > maxDepth) return `JSON may be nested at most ${maxDepth} levels deep`;
    } else if (char === 0x7d || char === 0x5d) depth -= 1;
  }
  return undefined;
}

const utf8 = new TextDecoder();

/**
 * Checks every JSON body once, before any handler or library parses it. The bytes are read as
 * they are (and stay cached for the handler), so signed webhooks still verify; the decoded text
 * is cached too, so the validator's `c.req.json()` parses it without reading the body again.
 */
export function guardJson(): MiddlewareHandler<AppEnv> {
  return async function guardJson(c, next) {
    if (JSON_TYPE.test(c.req.header('content-type') ?? '') && c.req.raw.body) {
      const text = utf8.decode(await c.req.arrayBuffer());
      // Hono keeps promises in bodyCache, though its type names the resolved values.
      Object.assign(c.req.bodyCache, { text: Promise.resolve(text) });
      const hazard = jsonHazard(text);
      if (hazard) throw new AppError('invalid_request', hazard);
    }
    await next();
  };
}
