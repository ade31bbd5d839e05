import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../workers/app';
import { type ErrorShape, workerFetch } from '../helpers/fetch';
import { gatewayClient, uniqueMarker, upstreamRequests } from '../helpers/gateway';
import { createKey, ownerKey } from '../helpers/keys';

interface Model {
  id: string;
  provider: string;
  modelId: string;
  inputMicrosPerMillion: number;
  outputMicrosPerMillion: number;
  contextWindow: number;
  maxOutput: number;
  capabilities: string[];
  active: boolean;
}
interface Provider {
  id: string;
  configured: boolean;
  missingSecrets: string[];
  models: string[];
  apiKeySecret: string | null;
}

const send = (method: string, path: string, body?: unknown, key = ownerKey) =>
  workerFetch(path, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
const modelPath = (id: string) => `/api/models/${encodeURIComponent(id)}`;
const unique = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}`;
const ask = (marker: string) => [{ role: 'user' as const, content: `${marker} hello` }];

const newModel = (provider: string, modelId: string) => ({
  provider,
  modelId,
  displayName: `Test ${modelId}`,
  inputMicrosPerMillion: 1_000_000,
  outputMicrosPerMillion: 2_000_000,
  contextWindow: 8_192,
  maxOutput: 2_048,
  capabilities: ['simple', 'json'],
});

/** The app with some bindings changed, as a deployment with other variables would run it. */
async function withBindings(overrides: Record<string, unknown>, path: string, init: RequestInit) {
  const ctx = createExecutionContext();
  const response = await app.request(path, init, { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

async function errorOf(response: Response, status: number) {
  expect(response.status).toBe(status);
  return ((await response.json()) as ErrorShape).error;
}

describe('happy', () => {
  it('lists the live catalogue to readers, with the seeded local models', async () => {
    const readonly = await createKey('readonly');
    const response = await send('GET', '/api/models', undefined, readonly);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { models: Model[]; cacheSeconds: number };
    expect(body.cacheSeconds).toBe(60);
    expect(body.models.find((model) => model.id === 'ollama/deepseek-r1')).toMatchObject({
      provider: 'ollama',
      modelId: 'deepseek-r1',
      inputMicrosPerMillion: 0,
      contextWindow: 4_096,
      capabilities: expect.arrayContaining(['simple']),
    });
    const one = await send('GET', modelPath('ollama/mistral'), undefined, readonly);
    expect(((await one.json()) as Model).modelId).toBe('mistral');
  });

  it('routes a model the owner adds at once, prices it as changed and stops when it is removed', async () => {
    // The fake answers any model name, so a new id proves the catalogue, not the upstream, decides.
    const added = newModel('ollama', unique('tst-local'));
    const created = await send('POST', '/api/models', added);
    expect(created.status).toBe(201);
    const id = `ollama/${added.modelId}`;
    expect(await created.json()).toMatchObject({ id, active: true, capabilities: ['simple', 'json'] });

    const client = gatewayClient();
    const first = await client.chat.completions.create({ model: id, messages: ask(uniqueMarker('m')), max_tokens: 16 });
    expect(first.model).toBe(id);
    const cost = (completion: typeof first) =>
      (completion as unknown as { empire: { cost_micros: number } }).empire.cost_micros;
    const usage = first.usage ?? { prompt_tokens: 0, completion_tokens: 0 };
    expect(cost(first)).toBe(usage.prompt_tokens + usage.completion_tokens * 2);

    const changed = await send('PUT', modelPath(id), { inputMicrosPerMillion: 3_000_000, capabilities: ['code'] });
    expect(await changed.json()).toMatchObject({
      id,
      inputMicrosPerMillion: 3_000_000,
      outputMicrosPerMillion: 2_000_000,
    });
    const second = await client.chat.completions.create({
      model: id,
      messages: ask(uniqueMarker('m')),
      max_tokens: 16,
    });
    const again = second.usage ?? { prompt_tokens: 0, completion_tokens: 0 };
    expect(cost(second)).toBe(again.prompt_tokens * 3 + again.completion_tokens * 2);

    const listed = (await (await send('GET', '/v1/models')).json()) as { data: Record<string, unknown>[] };
    expect(listed.data.find((entry) => entry.id === id)).toMatchObject({
      capabilities: ['code'],
      context_window: 8_192,
      max_output: 2_048,
      display_name: added.displayName,
    });

    await send('PUT', modelPath(id), { active: false });
    await expect(
      client.chat.completions.create({ model: id, messages: ask('x'), max_tokens: 16 }),
    ).rejects.toMatchObject({ status: 422 });
    expect((await send('DELETE', modelPath(id))).status).toBe(200);
    await errorOf(await send('GET', modelPath(id)), 404);
  });

  it('answers through a provider added by configuration, with its key and headers from named secrets', async () => {
    const id = unique('tst');
    const provider = await send('POST', '/api/providers', {
      id,
      displayName: 'Keyed test upstream',
      baseUrl: `${env.KEYED_LLM_URL}/${id}/v1`,
      apiKeySecret: 'TEST_CUSTOM_LLM_KEY',
      headerSecrets: { 'X-Tenant': 'TEST_CUSTOM_LLM_TENANT' },
      maxTokensField: 'max_completion_tokens',
    });
    expect(provider.status).toBe(201);
    expect(await provider.json()).toMatchObject({ id, configured: true, missingSecrets: [] });
    expect((await send('POST', '/api/models', newModel(id, 'gpt-5-mini'))).status).toBe(201);

    const marker = uniqueMarker('custom');
    const completion = await gatewayClient().chat.completions.create({
      model: `${id}/gpt-5-mini`,
      messages: ask(marker),
      max_tokens: 16,
    });
    expect(completion.choices[0]?.message.content).toMatch(/^\[fake\]/);
    expect((completion as unknown as { empire: { provider: string } }).empire.provider).toBe(id);
    const upstream = await upstreamRequests(marker);
    expect(upstream.map((entry) => [entry.provider, entry.model, entry.status])).toEqual([[id, 'gpt-5-mini', 200]]);
    expect(upstream[0]?.excerpt).toContain('"max_completion_tokens":16');

    const listed = (await (await send('GET', '/api/providers')).json()) as { providers: Provider[] };
    expect(listed.providers.find((entry) => entry.id === id)).toMatchObject({ models: [`${id}/gpt-5-mini`] });
  });

  it('calls a provider marked behind Access with the service token', async () => {
    const id = unique('tst');
    await send('POST', '/api/providers', {
      id,
      displayName: 'Self-hosted behind Access',
      baseUrl: `${env.ACCESS_LLM_URL}/${id}/v1`,
      apiKeySecret: null,
      behindAccess: true,
    });
    await send('POST', '/api/models', newModel(id, 'llama3.2'));
    const marker = uniqueMarker('access');
    const completion = await gatewayClient().chat.completions.create({
      model: `${id}/llama3.2`,
      messages: ask(marker),
      max_tokens: 16,
    });
    expect(completion.model).toBe(`${id}/llama3.2`);
    expect((await upstreamRequests(marker)).map((entry) => entry.provider)).toEqual([id]);
  });
});

describe('errors', () => {
  it('says a named model’s provider is not configured when a secret it names is missing', async () => {
    const id = unique('tst');
    const created = await send('POST', '/api/providers', {
      id,
      displayName: 'No key yet',
      baseUrl: 'https://llm.example.com/v1',
      apiKeySecret: 'TEST_UNSET_PROVIDER_KEY',
    });
    expect(await created.json()).toMatchObject({ configured: false, missingSecrets: ['TEST_UNSET_PROVIDER_KEY'] });
    await send('POST', '/api/models', newModel(id, 'big-model'));
    const failure = await gatewayClient()
      .chat.completions.create({ model: `${id}/big-model`, messages: ask('x'), max_tokens: 16 })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 503 });
    expect(String((failure as Error).message)).toContain('not configured');
  });

  it('skips a provider without its secrets when routing by class', async () => {
    const id = unique('tst');
    await send('POST', '/api/providers', {
      id,
      displayName: 'No key yet',
      baseUrl: `${env.FAKE_LLM_URL}/${id}/v1`,
      apiKeySecret: 'TEST_UNSET_PROVIDER_KEY',
    });
    await send('POST', '/api/models', newModel(id, 'first-choice'));
    const local = [{ model: `${id}/first-choice` }, { model: 'ollama/llama3.2' }];
    const policy = JSON.stringify({ classes: { simple: local, research: local, strategic: local } });
    const answeredBy = async (bindings: Record<string, unknown>) => {
      const response = await withBindings({ ROUTER_POLICY: policy, ...bindings }, '/v1/chat/completions', {
        method: 'POST',
        headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'auto:simple', messages: ask(uniqueMarker('skip')), max_tokens: 16 }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { model: string }).model;
    };
    expect(await answeredBy({})).toBe('ollama/llama3.2');
    // The same deployment once the secret is set: the policy's first choice answers.
    expect(await answeredBy({ TEST_UNSET_PROVIDER_KEY: 'now-set' })).toBe(`${id}/first-choice`);
  });

  it('answers 503 while Postgres is down', async () => {
    const response = await withBindings({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/empire' }, '/api/models', {
      headers: { authorization: `Bearer ${ownerKey}` },
    });
    expect(response.status).toBe(503);
    expect(((await response.json()) as ErrorShape).error.code).toBe('unavailable');
  });

  it('refuses bad models by name', async () => {
    const base = newModel('ollama', unique('tst-bad'));
    const cases: [unknown, string][] = [
      [{ ...base, provider: 'nobody' }, 'provider'],
      [{ ...base, maxOutput: 9_000 }, 'maxOutput'],
      [{ ...base, inputMicrosPerMillion: 1.5 }, 'inputMicrosPerMillion'],
      [{ ...base, outputMicrosPerMillion: -1 }, 'outputMicrosPerMillion'],
      [{ ...base, contextWindow: '8k' }, 'contextWindow'],
      [{ ...base, capabilities: ['Simple Stuff'] }, 'capabilities'],
      [{ ...base, temperature: 1 }, 'temperature'],
    ];
    for (const [body, field] of cases) {
      const error = await errorOf(await send('POST', '/api/models', body), 400);
      expect(JSON.stringify(error)).toContain(field);
    }
    await errorOf(await send('POST', '/api/models', '{"provider":'), 400);
    await errorOf(await send('PUT', modelPath('ollama/mistral'), {}), 400);
    await errorOf(await send('PUT', modelPath('ollama/mistral'), { maxOutput: 100_000 }), 400);
  });

  it('answers 404 for unknown ids and 409 for a duplicate', async () => {
    await errorOf(await send('GET', modelPath('ollama/no-such-model')), 404);
    await errorOf(await send('PUT', modelPath('ollama/no-such-model'), { active: false }), 404);
    await errorOf(await send('DELETE', modelPath('ollama/no-such-model')), 404);
    await errorOf(await send('GET', '/api/providers/no-such-provider'), 404);
    const again = { ...newModel('ollama', 'mistral') };
    await errorOf(await send('POST', '/api/models', again), 409);
  });

  it('refuses provider definitions that could leak or shadow what the product holds', async () => {
    const base = { id: unique('tst'), displayName: 'x', baseUrl: 'https://llm.example.com/v1', apiKeySecret: null };
    const cases: [unknown, string][] = [
      [{ ...base, id: 'ollama' }, 'built-in'],
      [{ ...base, id: 'Bad Id' }, 'id'],
      [{ ...base, apiKeySecret: 'DATABASE_URL' }, 'apiKeySecret'],
      [{ ...base, apiKeySecret: 'lower-case' }, 'apiKeySecret'],
      [{ ...base, headerSecrets: { Authorization: 'TEST_CUSTOM_LLM_KEY' } }, 'headerSecrets'],
      [{ ...base, headerSecrets: { 'X-Key': 'ANTHROPIC_API_KEY' } }, 'headerSecrets'],
      [{ ...base, baseUrl: 'ftp://llm.example.com' }, 'baseUrl'],
      [{ ...base, unsupportedParameters: ['tools'] }, 'unsupportedParameters'],
    ];
    for (const [body, hint] of cases) {
      const error = await errorOf(await send('POST', '/api/providers', body), 400);
      expect(JSON.stringify(error)).toContain(hint);
    }
  });

  it('keeps a provider while models use it', async () => {
    const id = unique('tst');
    await send('POST', '/api/providers', {
      id,
      displayName: 'x',
      baseUrl: 'https://llm.example.com/v1',
      apiKeySecret: null,
    });
    await send('POST', '/api/models', newModel(id, 'm1'));
    await errorOf(await send('DELETE', `/api/providers/${id}`), 409);
    await send('DELETE', modelPath(`${id}/m1`));
    expect((await send('DELETE', `/api/providers/${id}`)).status).toBe(200);
    await errorOf(await send('POST', '/api/models', newModel(id, 'm2')), 400);
  });
});

describe('security', () => {
  let operator: string;
  let readonly: string;
  beforeAll(async () => {
    [operator, readonly] = await Promise.all([createKey('operator'), createKey('readonly')]);
  });

  it('lets only the owner write', async () => {
    for (const key of [operator, readonly]) {
      await errorOf(await send('POST', '/api/models', newModel('ollama', unique('tst')), key), 403);
      await errorOf(await send('PUT', modelPath('ollama/mistral'), { active: false }, key), 403);
      await errorOf(await send('DELETE', modelPath('ollama/mistral'), undefined, key), 403);
      await errorOf(await send('POST', '/api/providers', {}, key), 403);
      expect((await send('GET', '/api/providers', undefined, key)).status).toBe(200);
    }
    await errorOf(await workerFetch('/api/models'), 401);
  });

  it('shows the names of secrets, never their values', async () => {
    const text = await (await send('GET', '/api/providers')).text();
    expect(text).toContain('TEST_CUSTOM_LLM_KEY');
    expect(text).not.toContain(env.TEST_CUSTOM_LLM_KEY);
    expect(text).not.toContain(env.CF_ACCESS_CLIENT_SECRET);
  });
});
