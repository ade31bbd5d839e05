import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { BEHIND_ACCESS } from '../../src/observability/health-probes';
import { app } from '../../workers/app';
import { workerFetch } from '../helpers/fetch';

interface Check {
  name: string;
  status: string;
  latencyMs: number;
  core: boolean;
  detail?: string;
  fake?: boolean;
}
interface Report {
  status: string;
  checks: Check[];
}

const byName = (report: Report) => Object.fromEntries(report.checks.map((check) => [check.name, check]));

async function healthWith(overrides: Partial<Env> | Record<string, unknown>) {
  const ctx = createExecutionContext();
  const response = await app.request('/api/health', {}, { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return { response, report: (await response.json()) as Report };
}

describe('happy', () => {
  it('runs one check per dependency against the real backing services', async () => {
    const response = await workerFetch('/api/health');
    expect(response.status).toBe(200);
    const report = (await response.json()) as Report;
    const checks = byName(report);
    expect(Object.keys(checks).sort()).toEqual([
      'auth:key_rotation',
      'auth:owner_key',
      'channel:blog',
      'channel:discord',
      'channel:linkedin',
      'channel:newsletter',
      'channel:reddit',
      'channel:x',
      'chroma',
      'd1',
      'durable_object:agents',
      'durable_object:budget',
      'durable_object:events',
      'durable_object:swarm_runs',
      'durable_object:token_keys',
      'llm:anthropic',
      'llm:moonshot',
      'llm:ollama',
      'llm:openai',
      'memory:embeddings',
      'postgres',
      'queue:jobs',
      'redis',
    ]);
    for (const name of [
      'd1',
      'durable_object:budget',
      'durable_object:agents',
      'durable_object:swarm_runs',
      'durable_object:events',
    ]) {
      expect(checks[name]).toMatchObject({ status: 'ok', core: true });
    }
    for (const name of ['postgres', 'redis', 'queue:jobs']) expect(checks[name]?.status).toBe('ok');
    // The suite's real Chroma; its vectors come from local-hash, which says it is no language model.
    expect(checks.chroma).toMatchObject({ status: 'ok', core: false, detail: BEHIND_ACCESS });
    expect(checks['memory:embeddings']).toMatchObject({ status: 'ok', core: false, fake: true });
    expect(checks['memory:embeddings']?.detail).toBe(
      'local-hash local-hash-v1, 512 dimensions (local feature hashing, not a language model)',
    );
    for (const name of ['llm:ollama', 'llm:moonshot', 'llm:anthropic', 'llm:openai']) {
      expect(checks[name]).toMatchObject({ status: 'ok', fake: true });
    }
    // The suite sets an Access service token: self-hosted upstreams say they get it, the others do not.
    expect(checks['llm:ollama']?.detail).toContain(BEHIND_ACCESS);
    expect(checks['llm:moonshot']?.detail).not.toContain(BEHIND_ACCESS);
    for (const check of report.checks) expect(Number.isInteger(check.latencyMs)).toBe(true);
    // An unconfigured optional service is a deployment choice, not a fault.
    expect(report.status).toBe('ok');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('errors', () => {
  it('reports a backing service that is down without failing the core', async () => {
    const { response, report } = await healthWith({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/empire',
      CHROMA_URL: 'http://127.0.0.1:1',
      UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:1',
    });
    expect(response.status).toBe(200);
    const checks = byName(report);
    expect(checks.postgres?.status).toBe('down');
    expect(checks.chroma?.status).toBe('down');
    expect(checks.redis?.status).toBe('down');
    expect(checks.d1?.status).toBe('ok');
    expect(report.status).toBe('degraded');
  });

  it('answers 503 when a core dependency is down', async () => {
    const brokenD1 = {
      prepare: () => {
        throw new Error('D1 unavailable');
      },
    };
    const { response, report } = await healthWith({ DB: brokenD1 });
    expect(response.status).toBe(503);
    expect(report.status).toBe('down');
    expect(byName(report).d1).toMatchObject({ status: 'down', detail: 'D1 unavailable' });
  });

  it('times out a check that never answers, and says so', async () => {
    const hangingD1 = { prepare: () => ({ first: () => new Promise(() => {}) }) };
    const { response, report } = await healthWith({ DB: hangingD1, HEALTH_TIMEOUT_MS: '200' });
    expect(response.status).toBe(503);
    expect(byName(report).d1).toMatchObject({ status: 'down', detail: 'no answer within 200 ms' });
  });

  it('says clearly when the deployment has no owner key', async () => {
    // Without a database of keys: the shared one may hold owner keys other files made.
    const { report } = await healthWith({ EMPIRE_DEV_OWNER_KEY: '', DATABASE_URL: '' });
    expect(byName(report)['auth:owner_key']).toMatchObject({
      status: 'degraded',
      detail: expect.stringContaining('npm run key:create -- --role owner'),
    });
  });

  it('reports providers and services as not configured when unset', async () => {
    const { report } = await healthWith({
      OLLAMA_URL: '',
      MOONSHOT_API_KEY: '',
      ANTHROPIC_API_KEY: '',
      OPENAI_API_KEY: '',
      DATABASE_URL: '',
      UPSTASH_REDIS_REST_URL: '',
      UPSTASH_REDIS_REST_TOKEN: '',
    });
    const checks = byName(report);
    for (const name of ['llm:ollama', 'llm:moonshot', 'llm:anthropic', 'llm:openai', 'postgres', 'redis']) {
      expect(checks[name]).toMatchObject({ status: 'not_configured', latencyMs: 0 });
    }
  });

  it('reports local-hash memory embeddings as degraded outside development', async () => {
    const { report } = await healthWith({ ENVIRONMENT: 'staging', MEMORY_EMBEDDINGS: 'local-hash' });
    expect(byName(report)['memory:embeddings']).toMatchObject({
      status: 'degraded',
      fake: true,
      detail: expect.stringContaining('set MEMORY_EMBEDDINGS to ollama or openai'),
    });
    expect(report.status).toBe('degraded');
  });

  it('defaults memory to a real embeddings model outside development, and checks its provider lists it', async () => {
    const { report } = await healthWith({ ENVIRONMENT: 'staging', MEMORY_EMBEDDINGS: '' });
    expect(byName(report)['memory:embeddings']).toMatchObject({
      status: 'ok',
      fake: true,
      detail: 'ollama/nomic-embed-text through the router (local fake upstream, not a real model)',
    });
    const missing = await healthWith({ MEMORY_EMBEDDINGS: 'openai', MEMORY_EMBEDDING_MODEL: 'text-embedding-9' });
    expect(byName(missing.report)['memory:embeddings']).toMatchObject({
      status: 'down',
      detail: 'openai does not list text-embedding-9',
    });
  });
});
