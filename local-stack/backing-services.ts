// Starts what the Worker needs around it when no cloud service is configured: a Postgres
// reached through the Neon WebSocket proxy, an Upstash-compatible Redis bridge and a fake
// LLM upstream. Used by `npm start` and by the test suite's global setup.
import { randomBytes } from 'node:crypto';
import { migratePostgres } from '../scripts/migrate-postgres.ts';
import { startFakeLlm } from './services/fake-llm.ts';
import { startNeonWsProxy } from './services/neon-ws-proxy.ts';
import { startPglite } from './services/pglite-server.ts';
import { isLoopbackHost } from './services/ports.ts';
import { startUpstashBridge } from './services/upstash-bridge.ts';

export interface BackingServicesOptions {
  /** A real PostgreSQL; without it PGlite serves from pgliteDir. */
  databaseUrl?: string;
  pgliteDir: string;
  /** A real Redis (redis://...); without it the bridge keeps data in memory. */
  redisUrl?: string;
  /** Start the fake LLM upstream (skipped when every provider is configured for real). */
  fakeLlm: boolean;
  log: (line: string) => void;
}

export interface BackingServices {
  databaseUrl: string;
  /** host:port/v2, or undefined when the database is a remote Neon reached directly. */
  neonWsProxy?: string;
  redisRestUrl: string;
  redisRestToken: string;
  fakeLlmUrl?: string;
  close(): Promise<void>;
}

function isLocalDatabase(url: string): boolean {
  return isLoopbackHost(new URL(url).hostname);
}

export async function startBackingServices(options: BackingServicesOptions): Promise<BackingServices> {
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closeOne of closers.reverse()) await closeOne().catch(() => {});
  };
  try {
    let databaseUrl = options.databaseUrl;
    if (!databaseUrl) {
      const pglite = await startPglite({ port: 0, dataDir: options.pgliteDir, log: options.log });
      closers.push(pglite.close);
      databaseUrl = pglite.url;
      options.log(`postgres   PGlite (embedded) at ${pglite.url}, data in ${options.pgliteDir}`);
    } else {
      options.log(`postgres   ${new URL(databaseUrl).host} (configured)`);
    }

    let neonWsProxy: string | undefined;
    if (isLocalDatabase(databaseUrl)) {
      const proxy = await startNeonWsProxy({ port: 0 });
      closers.push(proxy.close);
      neonWsProxy = proxy.url;
      options.log(`neon proxy ws://${proxy.url}`);
    }
    await migratePostgres(databaseUrl, neonWsProxy);

    const token = randomBytes(24).toString('base64url');
    const bridge = await startUpstashBridge({ port: 0, token, redisUrl: options.redisUrl });
    closers.push(bridge.close);
    options.log(`redis      Upstash REST bridge at ${bridge.url} over ${options.redisUrl ?? 'an in-memory store'}`);

    let fakeLlmUrl: string | undefined;
    if (options.fakeLlm) {
      const fake = await startFakeLlm({ port: 0 });
      closers.push(fake.close);
      fakeLlmUrl = fake.url;
      options.log(`llm        fake upstream (OpenAI + Anthropic wire protocols) at ${fake.url}`);
    }

    return { databaseUrl, neonWsProxy, redisRestUrl: bridge.url, redisRestToken: token, fakeLlmUrl, close };
  } catch (error) {
    await close();
    throw error;
  }
}
