import { createHash } from 'node:crypto';
import RedisMock from 'ioredis-mock';
import type { Command, RedisBackend, RedisReply, RedisValue } from './types.ts';
import { redisErrorMessage } from './types.ts';

type MockMethod = (...args: string[]) => Promise<unknown>;

const SET_OPTIONS = new Set(['EX', 'PX', 'EXAT', 'PXAT', 'NX', 'XX', 'KEEPTTL', 'GET']);
// Lower-case methods of the mock object that are not Redis commands.
const NOT_COMMANDS = new Set([
  'constructor',
  'connect',
  'disconnect',
  'duplicate',
  'pipeline',
  'on',
  'once',
  'off',
  'emit',
  'listeners',
]);
let instances = 0;

// ioredis-mock's Lua VM cannot parse a shebang line such as `#!lua flags=no-writes`.
function stripShebang(script: string): string {
  return script.startsWith('#!') ? script.slice(script.indexOf('\n') + 1) : script;
}

function sha1(script: string): string {
  return createHash('sha1').update(script).digest('hex');
}

// Lua false becomes nil and true becomes 1 in real Redis; objects (HGETALL) become flat arrays.
function toValue(raw: unknown): RedisValue {
  if (raw === null || raw === undefined || raw === false) return null;
  if (raw === true) return 1;
  if (typeof raw === 'string' || typeof raw === 'number' || Buffer.isBuffer(raw)) return raw;
  if (Array.isArray(raw)) return raw.map(toValue);
  if (typeof raw === 'object') return Object.entries(raw).flatMap(([k, v]) => [k, toValue(v)]);
  return String(raw);
}

export function createMemoryBackend(): RedisBackend {
  // Instances with the same host:port share data in ioredis-mock; a unique host isolates each bridge.
  const mock = new RedisMock({ host: `memory-${process.pid}-${++instances}`, lazyConnect: false });
  const scripts = new Map<string, string>();
  let queue: Promise<unknown> = Promise.resolve();

  const method = (name: string): MockMethod | undefined => {
    const lower = name.toLowerCase();
    if (!/^[a-z]+$/.test(lower) || NOT_COMMANDS.has(lower)) return undefined;
    const candidate: unknown = Reflect.get(mock, lower);
    return typeof candidate === 'function' ? (candidate as MockMethod).bind(mock) : undefined;
  };

  const evalScript = async (script: string, rest: string[]): Promise<unknown> => {
    const body = stripShebang(script);
    scripts.set(sha1(script), body);
    return (method('eval') as MockMethod)(body, ...rest);
  };

  const script = (args: string[]): RedisValue => {
    const sub = (args[0] ?? '').toUpperCase();
    if (sub === 'LOAD' && args[1] !== undefined) {
      const hash = sha1(args[1]);
      scripts.set(hash, stripShebang(args[1]));
      return hash;
    }
    if (sub === 'EXISTS') return args.slice(1).map((h) => (scripts.has(h.toLowerCase()) ? 1 : 0));
    if (sub === 'FLUSH') {
      scripts.clear();
      return 'OK';
    }
    throw new Error(`ERR unknown subcommand '${args[0] ?? ''}' for SCRIPT`);
  };

  const runOne = async (command: Command): Promise<RedisValue> => {
    const [rawName = '', ...args] = command;
    const name = rawName.toUpperCase();
    try {
      if (name === 'SCRIPT') return script(args);
      if (name === 'EVAL') return toValue(await evalScript(args[0] ?? '', args.slice(1)));
      if (name === 'EVALSHA') {
        const body = scripts.get((args[0] ?? '').toLowerCase());
        if (body === undefined) throw new Error('NOSCRIPT No matching script. Please use EVAL.');
        return toValue(await (method('eval') as MockMethod)(body, ...args.slice(1)));
      }
      // The mock silently ignores lower-case SET options such as `ex`.
      const fixed =
        name === 'SET' ? args.map((a, i) => (i >= 2 && SET_OPTIONS.has(a.toUpperCase()) ? a.toUpperCase() : a)) : args;
      const fn = method(name);
      if (!fn)
        throw new Error(`ERR unknown command '${rawName}', with args beginning with: ${args.slice(0, 3).join(' ')}`);
      return toValue(await fn(...fixed));
    } catch (error) {
      throw new Error(redisErrorMessage(error));
    }
  };

  // Commands run one at a time so a pipeline or transaction is never interleaved with another request.
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const runAll = async (commands: Command[]): Promise<RedisReply[]> => {
    const replies: RedisReply[] = [];
    for (const command of commands) {
      try {
        replies.push({ result: await runOne(command) });
      } catch (error) {
        replies.push({ error: redisErrorMessage(error) });
      }
    }
    return replies;
  };

  const known = (command: Command): boolean => {
    const name = (command[0] ?? '').toUpperCase();
    return ['SCRIPT', 'EVAL', 'EVALSHA'].includes(name) || method(name) !== undefined;
  };

  return {
    kind: 'memory',
    run: (command) => exclusive(() => runOne(command)),
    pipeline: (commands) => exclusive(() => runAll(commands)),
    transaction: (commands) =>
      exclusive(async () => {
        if (!commands.every(known)) throw new Error('EXECABORT Transaction discarded because of previous errors.');
        return runAll(commands);
      }),
    async close() {
      await exclusive(async () => {
        await mock.flushall();
        mock.disconnect();
      });
    },
  };
}
