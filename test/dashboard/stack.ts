// The Worker under `wrangler dev` with the local stack around it, as `npm start` runs it: the
// machine's PostgreSQL (a fresh database of this checkout's) and Redis (its own database number)
// when they answer, the embedded stand-ins otherwise, and the fake LLM so tasks complete.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { scratchDir } from '../../bench/lib/scratch.ts';
import { startWranglerDev, type WranglerDev } from '../../bench/lib/wrangler-dev.ts';
import { startBackingServices } from '../../local-stack/backing-services.ts';
import { startNeonWsProxy } from '../../local-stack/services/neon-ws-proxy.ts';
import { isPortOpen } from '../../local-stack/services/ports.ts';
import { generateApiKey } from '../../src/auth/api-keys.ts';
import { openPool } from '../../src/db/postgres-pool.ts';

// Apart from the Worker suite's database, which its global setup drops while this runs beside it.
const DATABASE = `${process.env.EMPIRE_TEST_DATABASE ?? 'empire_test'}_browser`;
const REDIS_DB = process.env.EMPIRE_TEST_REDIS_DB ?? '15';

export interface DashboardStack {
  url: string;
  ownerKey: string;
  wrangler: WranglerDev;
  close(): Promise<void>;
}

async function freshDatabase(): Promise<string> {
  const proxy = await startNeonWsProxy({ port: 0 });
  const { pool, close } = openPool({ url: 'postgres://postgres@127.0.0.1:5432/test', wsProxy: proxy.url, max: 1 });
  try {
    await pool.query(`drop database if exists ${DATABASE} with (force)`);
    await pool.query(`create database ${DATABASE}`);
  } finally {
    await close();
    await proxy.close();
  }
  return `postgres://postgres@127.0.0.1:5432/${DATABASE}`;
}

export async function startDashboardStack(log: (line: string) => void = () => {}): Promise<DashboardStack> {
  const [machinePostgres, machineRedis] = await Promise.all([
    isPortOpen('127.0.0.1', 5432),
    isPortOpen('127.0.0.1', 6379),
  ]);
  const scratch = scratchDir('empire-dashboard');
  const services = await startBackingServices({
    databaseUrl: machinePostgres ? await freshDatabase() : undefined,
    pgliteDir: join(scratch.path, 'pglite'),
    redisUrl: machineRedis ? `redis://127.0.0.1:6379/${REDIS_DB}` : undefined,
    fakeLlm: true,
    log,
  });
  const ownerKey = generateApiKey();
  const fake = services.fakeLlmUrl ?? '';
  const vars: Record<string, string> = {
    EMPIRE_DEV_OWNER_KEY: ownerKey,
    JWT_SIGNING_KEYS: JSON.stringify([{ kid: 'browser-test', secret: randomBytes(32).toString('base64url') }]),
    DATABASE_URL: services.databaseUrl,
    UPSTASH_REDIS_REST_URL: services.redisRestUrl,
    UPSTASH_REDIS_REST_TOKEN: services.redisRestToken,
    OLLAMA_URL: `${fake}/ollama`,
    MOONSHOT_API_KEY: 'fake-moonshot-key',
    MOONSHOT_BASE_URL: `${fake}/moonshot/v1`,
    ANTHROPIC_API_KEY: 'fake-anthropic-key',
    ANTHROPIC_BASE_URL: `${fake}/anthropic`,
    RATE_LIMIT_REQUESTS: '100000',
    QUEUE_RETRY_BASE_SECONDS: '0',
  };
  if (services.neonWsProxy) vars.NEON_WS_PROXY = services.neonWsProxy;
  try {
    const wrangler = await startWranglerDev({ vars, log });
    return {
      url: wrangler.url,
      ownerKey,
      wrangler,
      close: async () => {
        await wrangler.stop();
        await services.close();
        scratch.remove();
      },
    };
  } catch (error) {
    await services.close();
    scratch.remove();
    throw error;
  }
}
