import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/config';
import { defaultPolicy } from '../../src/llm/policy';
import { baseEnv, problemsWith } from './config-problems';

const base = baseEnv;

describe('happy', () => {
  it('reads the test environment into typed config', () => {
    const config = parseConfig(base);
    expect(config.environment).toBe('development');
    expect(config.maxBodyBytes).toBe(1_048_576);
    expect(config.corsOrigins).toContain('http://localhost:8787');
    expect(config.providers.anthropic?.apiKey).toBe('test-anthropic-key');
  });

  it('reads the Access service token only as a pair', () => {
    expect(parseConfig(base).cfAccess).toEqual({
      clientId: env.CF_ACCESS_CLIENT_ID,
      clientSecret: env.CF_ACCESS_CLIENT_SECRET,
    });
    expect(parseConfig({ ...base, CF_ACCESS_CLIENT_ID: '', CF_ACCESS_CLIENT_SECRET: '' }).cfAccess).toBeUndefined();
  });

  it('picks the embeddings for long-term memory: local-hash in development unless one is named', () => {
    expect(parseConfig({ ...base, MEMORY_EMBEDDINGS: '' }).embeddings).toEqual({ provider: 'local-hash' });
    expect(parseConfig({ ...base, MEMORY_EMBEDDINGS: 'ollama' }).embeddings).toEqual({
      provider: 'ollama',
      model: 'nomic-embed-text',
    });
    expect(parseConfig({ ...base, MEMORY_EMBEDDINGS: 'openai', OPENAI_API_KEY: 'sk-test' }).embeddings).toEqual({
      provider: 'openai',
      model: 'text-embedding-3-small',
    });
    expect(parseConfig({ ...base, OPENAI_API_KEY: 'sk-test' }).providers.openai).toEqual({
      apiKey: 'sk-test',
      baseUrl: base.OPENAI_BASE_URL,
    });
  });

  it('defaults to a real embeddings model outside development, local-hash only when none is configured', () => {
    const staging = { ...base, ENVIRONMENT: 'staging', MEMORY_EMBEDDINGS: '' };
    expect(parseConfig(staging).embeddings).toEqual({ provider: 'ollama', model: 'nomic-embed-text' });
    expect(parseConfig({ ...staging, OLLAMA_URL: '' }).embeddings).toEqual({
      provider: 'openai',
      model: 'text-embedding-3-small',
    });
    expect(parseConfig({ ...staging, OLLAMA_URL: '', OPENAI_API_KEY: '' }).embeddings).toEqual({
      provider: 'local-hash',
    });
    expect(parseConfig({ ...staging, MEMORY_EMBEDDINGS: 'local-hash' }).embeddings).toEqual({
      provider: 'local-hash',
    });
  });

  it('reads the routing policy once, with its defaults, or the default policy when unset', () => {
    expect(parseConfig({ ...base, ROUTER_POLICY: '' }).routerPolicy).toEqual(defaultPolicy);
    const local = [{ model: 'ollama/llama3.2' }];
    const policy = { classes: { simple: local, research: local, strategic: local } };
    const parsed = parseConfig({ ...base, ROUTER_POLICY: JSON.stringify(policy) }).routerPolicy;
    expect(parsed.classes.strategic).toEqual([{ model: 'ollama/llama3.2' }]);
    expect(parsed.timeoutMs).toBe(60_000);
  });

  it('treats empty secrets as unset', () => {
    const config = parseConfig({ ...base, DATABASE_URL: '', CHROMA_URL: '' });
    expect(config.postgres).toBeUndefined();
    expect(config.chroma).toBeUndefined();
  });
});

describe('errors', () => {
  it.each([
    [{ ENVIRONMENT: 'prod' }, 'ENVIRONMENT'],
    [{ MAX_BODY_BYTES: '-5' }, 'MAX_BODY_BYTES'],
    [{ MAX_BODY_BYTES: '1.5' }, 'MAX_BODY_BYTES'],
    [{ HEALTH_TIMEOUT_MS: 'soon' }, 'HEALTH_TIMEOUT_MS'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL'],
    [{ CHROMA_URL: 'not a url' }, 'CHROMA_URL'],
    [{ CORS_ORIGINS: 'ftp://files.example' }, 'CORS_ORIGINS'],
    [{ UPSTASH_REDIS_REST_TOKEN: '' }, 'UPSTASH_REDIS_REST_TOKEN'],
    [{ CF_ACCESS_CLIENT_SECRET: '' }, 'CF_ACCESS_CLIENT_SECRET'],
    [{ CF_ACCESS_CLIENT_ID: '' }, 'CF_ACCESS_CLIENT_ID'],
    [{ CF_ACCESS_CLIENT_SECRET: 'short' }, 'CF_ACCESS_CLIENT_SECRET'],
    [{ ENVIRONMENT: 'production', CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
    [{ MEMORY_EMBEDDINGS: 'word2vec' }, 'MEMORY_EMBEDDINGS'],
    [{ MEMORY_EMBEDDINGS: 'ollama', OLLAMA_URL: '' }, 'MEMORY_EMBEDDINGS'],
    [{ MEMORY_EMBEDDINGS: 'openai', OPENAI_API_KEY: '' }, 'OPENAI_API_KEY'],
    [{ OPENAI_BASE_URL: 'not a url' }, 'OPENAI_BASE_URL'],
    [{ MEMORY_EMBEDDING_MODEL: 'nomic embed; rm -rf' }, 'MEMORY_EMBEDDING_MODEL'],
    [{ ROUTER_POLICY: '{"classes":' }, 'ROUTER_POLICY'],
    [{ ROUTER_POLICY: '{"classes":{"simple":[]},"timeoutMs":5}' }, 'ROUTER_POLICY'],
    [{ JWT_SIGNING_KEYS: '[{"kid":"k1","secret":"short"}]' }, 'JWT_SIGNING_KEYS'],
  ])('names the variable that is wrong: %o', (overrides, variable) => {
    expect(problemsWith(overrides)).toContain(variable);
  });

  it('reads the daily posting caps per channel, and names CONTENT_DAILY_CAP when they are wrong', () => {
    expect(parseConfig({ ...base, CONTENT_DAILY_CAP: '{"x":2,"blog":1}' }).content.dailyCap).toEqual({ x: 2, blog: 1 });
    expect(parseConfig({ ...base, CONTENT_DAILY_CAP: '' }).content.dailyCap).toEqual({});
    for (const wrong of ['{"x":0}', '{"x":1.5}', '{"tiktok":1}', '{"x":', '[2]'])
      expect(problemsWith({ CONTENT_DAILY_CAP: wrong })).toEqual(['CONTENT_DAILY_CAP']);
  });

  it('reads the ideas a day, 10 when unset, and names CONTENT_IDEAS_PER_DAY outside 1 to 50', () => {
    expect(parseConfig({ ...base, CONTENT_IDEAS_PER_DAY: '25' }).content.ideasPerDay).toBe(25);
    expect(parseConfig({ ...base, CONTENT_IDEAS_PER_DAY: '' }).content.ideasPerDay).toBe(10);
    for (const wrong of ['0', '51', '2.5', 'ten', '-3'])
      expect(problemsWith({ CONTENT_IDEAS_PER_DAY: wrong })).toEqual(['CONTENT_IDEAS_PER_DAY']);
  });

  it('says where inside a routing policy the problem is', () => {
    const policy = { classes: { simple: [{ model: 'ollama/llama3.2' }], research: [], strategic: [] } };
    expect(() => parseConfig({ ...base, ROUTER_POLICY: JSON.stringify(policy) })).toThrow(
      /ROUTER_POLICY classes\.research: .*; ROUTER_POLICY classes\.strategic: /,
    );
  });

  it('reports every wrong variable at once, without echoing secret values', () => {
    try {
      // A made-up credential, to prove it never reaches the error message.
      // secretlint-disable-next-line
      parseConfig({ ...base, MAX_BODY_BYTES: 'x', DATABASE_URL: 'mysql://user:hunter2@db/z' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('MAX_BODY_BYTES');
      expect(message).toContain('DATABASE_URL');
      expect(message).not.toContain('hunter2');
    }
  });
});
