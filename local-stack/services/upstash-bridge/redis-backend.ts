import { createRequire } from 'node:module';

// Loaded through require: the test runner's module loader does not see ioredis' CommonJS
// named exports, while Node's own loader does.
const { Redis } = createRequire(import.meta.url)('ioredis') as typeof import('ioredis');

import { createScriptRewriter } from './script-flags.ts';
import type { Command, RedisBackend, RedisReply, RedisValue } from './types.ts';
import { redisErrorMessage } from './types.ts';

function toValue(raw: unknown): RedisValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string' || typeof raw === 'number' || Buffer.isBuffer(raw)) return raw;
  if (Array.isArray(raw)) return raw.map(toValue);
  return String(raw);
}

function toReplies(rows: [Error | null, unknown][]): RedisReply[] {
  return rows.map(([error, result]) => (error ? { error: redisErrorMessage(error) } : { result: toValue(result) }));
}

// Upper-case names bypass ioredis' reply transformers (HGETALL -> object) so replies stay raw RESP.
function split(command: Command): [string, string[]] {
  const [name = '', ...args] = command;
  return [name.toUpperCase(), args];
}

export async function createRedisBackend(url: string): Promise<RedisBackend> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  // ioredis reports the cause (e.g. ECONNREFUSED) only through 'error' events; connect() just says "closed".
  let lastError: Error | undefined;
  redis.on('error', (error: Error) => {
    lastError = error;
  });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    const cause = lastError ?? (error instanceof Error ? error : new Error(String(error)));
    throw new Error(`cannot reach Redis at ${url}: ${cause.message}`);
  }

  const rewrite = createScriptRewriter();
  return {
    kind: 'redis',
    async run(command) {
      const [name, args] = split(rewrite(command));
      try {
        return toValue(await redis.callBuffer(name, ...args));
      } catch (error) {
        throw new Error(redisErrorMessage(error));
      }
    },
    async pipeline(commands) {
      const chain = redis.pipeline();
      for (const command of commands) chain.callBuffer(...split(rewrite(command)));
      return toReplies((await chain.exec()) ?? []);
    },
    async transaction(commands) {
      const chain = redis.multi();
      for (const command of commands) chain.callBuffer(...split(rewrite(command)));
      try {
        const rows = await chain.exec();
        if (rows === null) throw new Error('EXECABORT transaction aborted');
        return toReplies(rows);
      } catch (error) {
        throw new Error(redisErrorMessage(error));
      }
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
