// The Worker's backing services for a benchmark: the machine's PostgreSQL and Redis when they
// answer on loopback, the embedded stand-ins otherwise, and the fake LLM upstream; plus the
// Worker vars that point at them, mapped as `npm start` (local-stack/dev.ts) maps them.
import { join } from 'node:path';
import { type BackingServices, startBackingServices } from '../../local-stack/backing-services.ts';
import { isPortOpen } from '../../local-stack/services/ports.ts';
import { generateApiKey } from '../../src/auth/api-keys.ts';
import { scratchDir } from './scratch.ts';

const MACHINE_POSTGRES = 'postgres://postgres@127.0.0.1:5432/test';
// Database 14 keeps benchmark keys apart from the tests' (15) and anything else on the server.
const MACHINE_REDIS = 'redis://127.0.0.1:6379/14';

export interface BenchBacking {
  services: BackingServices;
  /** Worker vars for the services, as `npm start` passes them. */
  vars: Record<string, string>;
  /** The development owner API key in `vars`, for benchmarks of authenticated routes. */
  ownerKey: string;
  /** What actually served each dependency, for the report. */
  postgres: string;
  redis: string;
  close(): Promise<void>;
}

function workerVars(services: BackingServices, ownerKey: string): Record<string, string> {
  const vars: Record<string, string> = {
    EMPIRE_DEV_OWNER_KEY: ownerKey,
    DATABASE_URL: services.databaseUrl,
    UPSTASH_REDIS_REST_URL: services.redisRestUrl,
    UPSTASH_REDIS_REST_TOKEN: services.redisRestToken,
  };
  if (services.neonWsProxy) vars.NEON_WS_PROXY = services.neonWsProxy;
  if (services.fakeLlmUrl) {
    vars.OLLAMA_URL = `${services.fakeLlmUrl}/ollama`;
    vars.MOONSHOT_API_KEY = 'fake-moonshot-key';
    vars.MOONSHOT_BASE_URL = `${services.fakeLlmUrl}/moonshot/v1`;
    vars.ANTHROPIC_API_KEY = 'fake-anthropic-key';
    vars.ANTHROPIC_BASE_URL = `${services.fakeLlmUrl}/anthropic`;
  }
  return vars;
}

export async function startBenchBacking(log: (line: string) => void = () => {}): Promise<BenchBacking> {
  const [machinePostgres, machineRedis] = await Promise.all([
    isPortOpen('127.0.0.1', 5432),
    isPortOpen('127.0.0.1', 6379),
  ]);
  const scratch = scratchDir('bench-backing');
  try {
    const services = await startBackingServices({
      databaseUrl: machinePostgres ? MACHINE_POSTGRES : undefined,
      pgliteDir: join(scratch.path, 'pglite'),
      redisUrl: machineRedis ? MACHINE_REDIS : undefined,
      fakeLlm: true,
      log,
    });
    // A fresh key per run, as `npm start` makes one on its first start.
    const ownerKey = generateApiKey();
    return {
      services,
      vars: workerVars(services, ownerKey),
      ownerKey,
      postgres: machinePostgres ? 'PostgreSQL on 127.0.0.1:5432' : 'PGlite (embedded, in the benchmark process)',
      redis: machineRedis
        ? 'Redis on 127.0.0.1:6379 via the Upstash REST bridge'
        : 'in-memory store behind the Upstash REST bridge',
      close: async () => {
        await services.close();
        scratch.remove();
      },
    };
  } catch (error) {
    scratch.remove();
    throw error;
  }
}
