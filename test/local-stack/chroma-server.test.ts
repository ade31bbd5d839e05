// The no-Docker Chroma: prepared C runtime, a free port, a heartbeat, and a clean SIGINT stop.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChromaServer, prepareChromaLibs, startChroma } from '../../local-stack/services/chroma-server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
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
  // The parent-death signal is Linux's (util-linux setpriv); elsewhere a killed parent still leaves it running.
  it.runIf(process.platform === 'linux')(
    'stops when the process that started it dies without closing it',
    async () => {
      // local-stack/bin/chroma.ts prints the URL once the server answers; SIGKILL gives it no chance to close.
      const service = spawn(process.execPath, [join(root, 'local-stack/bin/chroma.ts')], {
        env: { ...process.env, DATA_DIR: join(scratch, 'orphan') },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: service.stdout }).on('line', (line) => {
          const found = /http:\/\/127\.0\.0\.1:\d+/.exec(line);
          if (found) resolve(found[0]);
        });
        service.once('exit', (code) => reject(new Error(`the service exited with ${code} before starting`)));
      });
      expect((await fetch(`${url}/api/v2/heartbeat`)).status).toBe(200);
      service.kill('SIGKILL');
      let answering = true;
      for (let waited = 0; answering && waited < 15_000; waited += 200) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        answering = await fetch(`${url}/api/v2/heartbeat`).then(
          () => true,
          () => false,
        );
      }
      expect(answering).toBe(false);
    },
    60_000,
  );

  it('says why when the server cannot run', async () => {
    // A libraries folder without its loader: nothing can start, and the error says so at once.
    const empty = join(scratch, 'no-libs');
    await mkdir(empty);
    const started = Date.now();
    await expect(startChroma({ dataDir: join(scratch, 'unused'), libsDir: empty })).rejects.toThrow(
      /^chroma did not start: .*ld-linux.* does not exist$/,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
