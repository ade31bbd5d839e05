// The no-Docker Chroma: prepared C runtime, a free port, a heartbeat, and a clean SIGINT stop.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChromaServer, prepareChromaLibs, startChroma } from '../../local-stack/services/chroma-server.ts';

let scratch: string;
let libsDir: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'empire-chroma-'));
  libsDir = await prepareChromaLibs();
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('happy', () => {
  it('starts on a free loopback port, answers the v2 API, keeps data across restarts and stops on close', async () => {
    const dataDir = join(scratch, 'data');
    let server: ChromaServer = await startChroma({ dataDir, libsDir });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.startupMs).toBeLessThan(30_000);
    const collections = `${server.url}/api/v2/tenants/default_tenant/databases/default_database/collections`;
    const created = await fetch(collections, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'kept', get_or_create: true }),
    });
    expect(created.status).toBe(200);
    await server.close();
    await expect(fetch(`${server.url}/api/v2/heartbeat`)).rejects.toThrow();

    server = await startChroma({ dataDir, libsDir });
    const again = await fetch(
      `${server.url}/api/v2/tenants/default_tenant/databases/default_database/collections/kept`,
    );
    expect(again.status).toBe(200);
    await server.close();
  });
});

describe('errors', () => {
  it('says why when the server cannot run', async () => {
    // A libraries folder without its loader: nothing can start, and the error says so at once.
    const empty = join(scratch, 'no-libs');
    await mkdir(empty);
    const started = Date.now();
    await expect(startChroma({ dataDir: join(scratch, 'unused'), libsDir: empty })).rejects.toThrow(
      /^chroma did not start: spawn .*ENOENT/,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
