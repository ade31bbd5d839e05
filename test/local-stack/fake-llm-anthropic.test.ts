import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ollamaModelsForConfig, ollamaModelsToPull, pullOllamaModels } from '../../local-stack/ollama-pull.ts';
import type { FakeLlmHandle } from '../../local-stack/services/fake-llm.ts';
import { startFakeLlm } from '../../local-stack/services/fake-llm.ts';
import { workerVars } from '../../local-stack/worker-config.ts';
import { defaultPolicy } from '../../src/llm/policy.ts';

const SYSTEM = 'Answer briefly.';
const QUESTION = 'Are all systems of the empire operational right now?';
const params = {
  model: 'claude-sonnet-5-5',
  max_tokens: 256,
  system: SYSTEM,
  messages: [{ role: 'user' as const, content: QUESTION }],
};
const expectedInput = Math.ceil((SYSTEM.length + QUESTION.length) / 4);
const expectedText = `[fake] ${QUESTION}`;
const expectedWords = expectedText.split(/\s+/).length;

describe('fake LLM through the @anthropic-ai/sdk', () => {
  let fake: FakeLlmHandle;
  let client: Anthropic;

  beforeAll(async () => {
    fake = await startFakeLlm({ port: 0 });
    client = new Anthropic({ apiKey: 'sk-ant-fake', baseURL: `${fake.url}/anthropic`, maxRetries: 0 });
  });
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(() => {
    fake.clearFaults();
    fake.clearRequests();
  });

  it('answers a non-streamed message with usage from the request', async () => {
    const { data, response } = await client.messages.create(params).withResponse();
    expect(response.headers.get('x-empire-fake')).toBe('1');
    expect(data.type).toBe('message');
    expect(data.role).toBe('assistant');
    expect(data.content).toEqual([{ type: 'text', text: expectedText }]);
    expect(data.stop_reason).toBe('end_turn');
    expect(data.usage.input_tokens).toBe(expectedInput);
    expect(data.usage.output_tokens).toBe(expectedWords);
  });

  it('streams the real event sequence with usage in message_start and message_delta', async () => {
    const stream = await client.messages.create({ ...params, stream: true });
    const types: string[] = [];
    let text = '';
    let startInput = -1;
    let deltaOutput = -1;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'message_start') startInput = event.message.usage.input_tokens;
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
      if (event.type === 'message_delta') deltaOutput = event.usage.output_tokens;
    }
    expect(types.slice(0, 2)).toEqual(['message_start', 'content_block_start']);
    expect(types.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    expect(types.filter((t) => t === 'content_block_delta')).toHaveLength(expectedWords);
    expect(text).toBe(expectedText);
    expect(startInput).toBe(expectedInput);
    expect(deltaOutput).toBe(expectedWords);
  });

  it('assembles a final message with the stream helper', async () => {
    const final = await client.messages.stream(params).finalMessage();
    expect(final.content[0]).toMatchObject({ type: 'text', text: expectedText });
    expect(final.usage.output_tokens).toBe(expectedWords);
    expect(final.stop_reason).toBe('end_turn');
  });

  it('stops at max_tokens', async () => {
    const res = await client.messages.create({ ...params, max_tokens: 3 });
    expect(res.content[0]).toMatchObject({ text: '[fake] Are all' });
    expect(res.stop_reason).toBe('max_tokens');
    expect(res.usage.output_tokens).toBe(3);
    const streamed = await client.messages.stream({ ...params, max_tokens: 2 }).finalMessage();
    expect(streamed.stop_reason).toBe('max_tokens');
    expect(streamed.content[0]).toMatchObject({ text: '[fake] Are' });
  });

  it('surfaces 429 with retry-after and 529 overloaded in Anthropic error shapes', async () => {
    fake.addFault({ provider: 'anthropic', status: 429, retryAfter: 14 });
    const rate = await client.messages.create(params).catch((e: unknown) => e);
    expect(rate).toBeInstanceOf(Anthropic.RateLimitError);
    const rateError = rate as InstanceType<typeof Anthropic.RateLimitError>;
    expect(rateError.headers.get('retry-after')).toBe('14');
    expect(rateError.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });

    fake.addFault({ status: 529 });
    const overloaded = await client.messages.create(params).catch((e: unknown) => e);
    expect(overloaded).toBeInstanceOf(Anthropic.APIError);
    expect((overloaded as InstanceType<typeof Anthropic.APIError>).status).toBe(529);
    expect((overloaded as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      error: { type: 'overloaded_error' },
    });

    fake.addFault({ status: 500 });
    await expect(client.messages.create(params)).rejects.toBeInstanceOf(Anthropic.InternalServerError);
    expect(fake.requests().map((r) => [r.provider, r.status])).toEqual([
      ['anthropic', 429],
      ['anthropic', 529],
      ['anthropic', 500],
    ]);
  });

  it('rejects a request without max_tokens like the real API', async () => {
    const res = await fetch(`${fake.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-sonnet-5-5', messages: params.messages }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });

  it('lists models in the Anthropic shape', async () => {
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toContain('claude-sonnet-5-5');
    expect(page.data[0]?.type).toBe('model');
    expect(page.has_more).toBe(false);
  });
});

describe('fake LLM: ollama native API and admin routes', () => {
  let fake: FakeLlmHandle;

  beforeAll(async () => {
    fake = await startFakeLlm({ port: 0 });
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('identifies itself as a fake', async () => {
    const res = await fetch(fake.url);
    expect(res.headers.get('x-empire-fake')).toBe('1');
    expect(await res.json()).toEqual({ fake: true, name: 'empire-fake-llm' });
    const missing = await fetch(`${fake.url}/nope/v1/unknown`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-empire-fake')).toBe('1');
  });

  it('serves /api/tags and /api/embed', async () => {
    const tags = (await (await fetch(`${fake.url}/ollama/api/tags`)).json()) as { models: { name: string }[] };
    expect(tags.models.map((m) => m.name)).toEqual(
      expect.arrayContaining(['llama3.2:latest', 'nomic-embed-text:latest']),
    );
    const res = await fetch(`${fake.url}/ollama/api/embed`, {
      method: 'POST',
      body: JSON.stringify({ model: 'nomic-embed-text', input: ['first text', 'second text'] }),
    });
    const body = (await res.json()) as { model: string; embeddings: number[][]; prompt_eval_count: number };
    expect(body.model).toBe('nomic-embed-text');
    expect(body.embeddings).toHaveLength(2);
    expect(body.embeddings[0]).toHaveLength(64);
    expect(body.embeddings[0]).not.toEqual(body.embeddings[1]);
    expect(body.prompt_eval_count).toBe(Math.ceil('first textsecond text'.length / 4));
    expect(fake.requests().map((r) => r.provider)).toEqual(['ollama', 'ollama']);
  });

  it('pulls every Ollama model the router policy names through /api/pull', async () => {
    const named = Object.values(defaultPolicy.classes)
      .flat()
      .flatMap((candidate) => (candidate.model.startsWith('ollama/') ? [candidate.model.slice(7)] : []));
    const models = ollamaModelsToPull(defaultPolicy, 'nomic-embed-text');
    expect(models).toEqual([...new Set(named), 'nomic-embed-text']);
    const custom = {
      ...defaultPolicy,
      classes: { ...defaultPolicy.classes, simple: [{ model: 'ollama/deepseek-r1' }] },
    };
    expect(ollamaModelsToPull(custom)).toContain('deepseek-r1');
    // What the compose service reads: wrangler.toml's variables with the environment's over them.
    const only = [{ model: 'ollama/mistral' }];
    const vars = await workerVars(join(import.meta.dirname, '..', '..'), {
      ROUTER_POLICY: JSON.stringify({ classes: { simple: only, research: only, strategic: only } }),
      MEMORY_EMBEDDINGS: 'ollama',
      OLLAMA_URL: 'http://127.0.0.1:11434',
    });
    expect(ollamaModelsForConfig(vars)).toEqual(['mistral', 'nomic-embed-text']);

    fake.clearRequests();
    await pullOllamaModels(`${fake.url}/ollama/`, models);
    const pulls = fake.requests().filter((entry) => entry.path === '/ollama/api/pull');
    expect(pulls.map((entry) => entry.model)).toEqual(models);
    expect(pulls.every((entry) => entry.status === 200)).toBe(true);

    await fetch(`${fake.url}/__fake/faults`, {
      method: 'POST',
      body: JSON.stringify({ model: 'no-such-model', status: 404 }),
    });
    await expect(pullOllamaModels(fake.url, ['no-such-model'])).rejects.toThrow(/pulling no-such-model failed \(404\)/);
  });

  it('validates fault specs and clears faults', async () => {
    const bad = await fetch(`${fake.url}/__fake/faults`, { method: 'POST', body: JSON.stringify({ status: 'x' }) });
    expect(bad.status).toBe(400);
    await fetch(`${fake.url}/__fake/faults`, { method: 'POST', body: JSON.stringify({ status: 503, times: 0 }) });
    expect((await fetch(`${fake.url}/api/tags`)).status).toBe(503);
    expect((await fetch(`${fake.url}/api/tags`)).status).toBe(503);
    const cleared = await fetch(`${fake.url}/__fake/faults`, { method: 'DELETE' });
    expect(await cleared.json()).toEqual({ cleared: 1 });
    expect((await fetch(`${fake.url}/api/tags`)).status).toBe(200);
  });
});
