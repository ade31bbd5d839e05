import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeLlmHandle } from '../../local-stack/services/fake-llm.ts';
import { startFakeLlm } from '../../local-stack/services/fake-llm.ts';

/** The keys of a JSON value, nested, with each array read through its first item. */
const shapeOf = (value: unknown): unknown =>
  Array.isArray(value)
    ? [shapeOf(value[0])]
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shapeOf(inner)]))
      : typeof value;

const QUESTION = 'What is the status of the empire today? Please answer with one short sentence only.';
const SYSTEM = 'You are terse.';
const messages = [
  { role: 'system' as const, content: SYSTEM },
  { role: 'user' as const, content: QUESTION },
];
const expectedPrompt = Math.ceil((SYSTEM.length + QUESTION.length) / 4);
const expectedText = `[fake] ${QUESTION}`;
const expectedWords = expectedText.split(/\s+/).length;

describe('fake LLM through the openai SDK', () => {
  let fake: FakeLlmHandle;
  let client: OpenAI;

  const addFault = async (spec: object): Promise<void> => {
    const res = await fetch(`${fake.url}/__fake/faults`, { method: 'POST', body: JSON.stringify(spec) });
    expect(res.status).toBe(201);
  };

  beforeAll(async () => {
    fake = await startFakeLlm({ port: 0 });
    client = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/moonshot/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(async () => {
    await fetch(`${fake.url}/__fake/faults`, { method: 'DELETE' });
    await fetch(`${fake.url}/__fake/requests`, { method: 'DELETE' });
  });

  it('answers a non-streamed chat with real usage counts and fake labels', async () => {
    const { data, response } = await client.chat.completions.create({ model: 'kimi-k2.5', messages }).withResponse();
    expect(response.headers.get('x-empire-fake')).toBe('1');
    expect(data.object).toBe('chat.completion');
    expect(data.model).toBe('kimi-k2.5');
    expect(data.system_fingerprint).toBe('empire-fake');
    expect(data.choices[0]?.message.content).toBe(expectedText);
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(data.usage).toMatchObject({
      prompt_tokens: expectedPrompt,
      completion_tokens: expectedWords,
      total_tokens: expectedPrompt + expectedWords,
    });
    const again = await client.chat.completions.create({ model: 'kimi-k2.5', messages });
    expect(again.choices[0]?.message.content).toBe(data.choices[0]?.message.content);
    expect(again.id).toBe(data.id);
  });

  it('echoes at most 20 words of the last user message', async () => {
    const long = Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ');
    const res = await client.chat.completions.create({
      model: 'kimi-k2.5',
      messages: [{ role: 'user', content: long }],
    });
    const words = (res.choices[0]?.message.content ?? '').split(' ');
    expect(words).toHaveLength(21);
    expect(words[20]).toBe('w19');
  });

  it('streams chunks that add up to the same reply, then a usage chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'kimi-k2.5',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    const finishReasons: (string | null)[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      expect(chunk.object).toBe('chat.completion.chunk');
      expect(chunk.system_fingerprint).toBe('empire-fake');
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.choices[0]) finishReasons.push(chunk.choices[0].finish_reason);
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe(expectedText);
    expect(chunks).toBe(expectedWords + 3);
    expect(finishReasons.at(-1)).toBe('stop');
    expect(usage).toMatchObject({ prompt_tokens: expectedPrompt, completion_tokens: expectedWords });
  });

  it('streams without a usage chunk unless asked', async () => {
    const stream = await client.chat.completions.create({ model: 'kimi-k2.5', messages, stream: true });
    for await (const chunk of stream) expect(chunk.usage ?? null).toBeNull();
  });

  it('returns a JSON object in json mode', async () => {
    const res = await client.chat.completions.create({
      model: 'kimi-k2.5',
      messages,
      response_format: { type: 'json_object' },
    });
    const parsed: unknown = JSON.parse(res.choices[0]?.message.content ?? '');
    expect(parsed).toEqual({ fake: true, reply: expectedText });
  });

  it('truncates at max_tokens and max_completion_tokens with finish_reason length', async () => {
    const a = await client.chat.completions.create({ model: 'kimi-k2.5', messages, max_tokens: 4 });
    expect(a.choices[0]?.message.content).toBe('[fake] What is the');
    expect(a.choices[0]?.finish_reason).toBe('length');
    expect(a.usage?.completion_tokens).toBe(4);
    const b = await client.chat.completions.create({ model: 'kimi-k2.5', messages, max_completion_tokens: 2 });
    expect(b.choices[0]?.message.content).toBe('[fake] What');
    expect(b.choices[0]?.finish_reason).toBe('length');
  });

  it('surfaces a 429 fault with retry-after to the SDK', async () => {
    await addFault({ provider: 'moonshot', status: 429, retryAfter: 7 });
    const error = await client.chat.completions.create({ model: 'kimi-k2.5', messages }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const rate = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rate.status).toBe(429);
    expect(rate.headers.get('retry-after')).toBe('7');
    expect(rate.code).toBe('rate_limit_exceeded');
    const next = await client.chat.completions.create({ model: 'kimi-k2.5', messages });
    expect(next.choices[0]?.message.content).toBe(expectedText);
  });

  it('lets the SDK wait retry-after and retry', async () => {
    await addFault({ status: 429, retryAfter: 1 });
    const retrying = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/moonshot/v1`, maxRetries: 1 });
    const started = Date.now();
    const res = await retrying.chat.completions.create({ model: 'kimi-k2.5', messages });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(res.choices[0]?.message.content).toBe(expectedText);
    expect(fake.requests().map((r) => [r.status, r.fault])).toEqual([
      [429, true],
      [200, false],
    ]);
  });

  it('surfaces a 500 fault and a malformed body', async () => {
    await addFault({ status: 500 });
    const error = await client.chat.completions.create({ model: 'kimi-k2.5', messages }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as InstanceType<typeof OpenAI.InternalServerError>).type).toBe('server_error');
    await addFault({ status: 200, body: 'malformed' });
    await expect(client.chat.completions.create({ model: 'kimi-k2.5', messages })).rejects.toThrow(/JSON/);
  });

  it('matches faults on provider and model only', async () => {
    await addFault({ provider: 'ollama', status: 500 });
    await addFault({ model: 'qwen2.5-coder', status: 503, times: 2 });
    expect((await client.chat.completions.create({ model: 'kimi-k2.5', messages })).choices).toHaveLength(1);
    const ollama = new OpenAI({ apiKey: 'ollama', baseURL: `${fake.url}/ollama/v1`, maxRetries: 0 });
    await expect(ollama.chat.completions.create({ model: 'qwen2.5-coder', messages })).rejects.toMatchObject({
      status: 500,
    });
    await expect(ollama.chat.completions.create({ model: 'qwen2.5-coder', messages })).rejects.toMatchObject({
      status: 503,
    });
    await expect(client.chat.completions.create({ model: 'qwen2.5-coder', messages })).rejects.toMatchObject({
      status: 503,
    });
    expect((await client.chat.completions.create({ model: 'qwen2.5-coder', messages })).choices).toHaveLength(1);
  });

  it('times out on a delay fault without hurting the server', async () => {
    await addFault({ status: 200, delayMs: 5000 });
    const impatient = new OpenAI({
      apiKey: 'sk-fake',
      baseURL: `${fake.url}/moonshot/v1`,
      maxRetries: 0,
      timeout: 200,
    });
    await expect(impatient.chat.completions.create({ model: 'kimi-k2.5', messages })).rejects.toBeInstanceOf(
      OpenAI.APIConnectionTimeoutError,
    );
    const started = Date.now();
    const res = await fetch(`${fake.url}/v1/models`, { headers: { 'x-fake-delay-ms': '150' } });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('logs requests with their provider prefix', async () => {
    await client.chat.completions.create({ model: 'kimi-k2.5', messages, stream: true }).then(async (s) => {
      for await (const _ of s) void _;
    });
    const plain = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, maxRetries: 0 });
    await plain.chat.completions.create({ model: 'gpt-5-mini', messages });
    const log = (await (await fetch(`${fake.url}/__fake/requests`)).json()) as {
      provider: string;
      path: string;
      model: string;
      stream: boolean;
      at: string;
    }[];
    expect(log.map(({ provider, path, model, stream }) => ({ provider, path, model, stream }))).toEqual([
      { provider: 'moonshot', path: '/moonshot/v1/chat/completions', model: 'kimi-k2.5', stream: true },
      { provider: 'openai', path: '/v1/chat/completions', model: 'gpt-5-mini', stream: false },
    ]);
    expect(Number.isNaN(Date.parse(log[0]?.at ?? ''))).toBe(false);
  });

  it('returns deterministic normalised embeddings (base64 and float)', async () => {
    const res = await client.embeddings.create({ model: 'nomic-embed-text', input: ['alpha', 'beta'] });
    expect(res.data).toHaveLength(2);
    const [a, b] = res.data.map((d) => d.embedding);
    expect(a).toHaveLength(64);
    const norm = Math.sqrt((a ?? []).reduce((s, v) => s + v * v, 0));
    expect(norm).toBeCloseTo(1, 5);
    expect(a).not.toEqual(b);
    expect(res.usage.prompt_tokens).toBe(Math.ceil('alphabeta'.length / 4));
    const floats = await client.embeddings.create({
      model: 'nomic-embed-text',
      input: 'alpha',
      encoding_format: 'float',
    });
    for (const [i, v] of (floats.data[0]?.embedding ?? []).entries()) expect(v).toBeCloseTo(a?.[i] ?? Number.NaN, 6);
    expect(floats.data[0]?.embedding).toHaveLength(64);
    const sized = await client.embeddings.create({
      model: 'x',
      input: 'alpha',
      dimensions: 16,
      encoding_format: 'float',
    });
    expect(sized.data[0]?.embedding).toHaveLength(16);
  });

  it("answers /v1/embeddings in the shape of OpenAI's sample, at Ollama's OpenAI-compatible path too", async () => {
    const sample = JSON.parse(
      readFileSync(new URL('../fixtures/llm/openai_embeddings_response.json', import.meta.url), 'utf8'),
    );
    for (const path of ['/openai/v1/embeddings', '/ollama/v1/embeddings']) {
      const response = await fetch(`${fake.url}${path}`, {
        method: 'POST',
        body: JSON.stringify({ model: 'nomic-embed-text', input: ['alpha', 'beta'], encoding_format: 'float' }),
      });
      expect(shapeOf(await response.json())).toEqual(shapeOf(sample));
    }
  });

  it('lists models in the OpenAI shape', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining(['kimi-k2.5', 'llama3.2', 'qwen2.5-coder', 'nomic-embed-text']));
  });
});
