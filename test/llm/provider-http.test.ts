import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { anthropicProvider } from '../../src/llm/providers/anthropic';
import { anthropicEndpoint, openAiCompatibleEndpoint } from '../../src/llm/providers/endpoints';
import { ProviderError } from '../../src/llm/providers/errors';
import { listModels } from '../../src/llm/providers/models-list';
import { openAiCompatibleProvider } from '../../src/llm/providers/openai-compatible';
import type { LlmProvider, ProviderCall, ProviderChunk } from '../../src/llm/providers/types';
import { addFault, uniqueMarker } from '../helpers/gateway';

// The providers as the router holds them, calling the local fake LLM over plain fetch.

const support = { unsupported: [], toolChoices: ['auto'], jsonSchema: true, topPWithTemperature: true } as const;

function moonshot(timeoutMs = 10_000, baseUrl = `${env.FAKE_LLM_URL}/moonshot/v1`): LlmProvider {
  const endpoint = openAiCompatibleEndpoint(baseUrl, 'test-moonshot-key', { timeoutMs });
  return openAiCompatibleProvider('moonshot', endpoint, { maxTokensField: 'max_completion_tokens', support });
}

const openai = () => {
  const endpoint = openAiCompatibleEndpoint(`${env.FAKE_LLM_URL}/openai/v1`, 'test-openai-key');
  return openAiCompatibleProvider('openai', endpoint, { maxTokensField: 'max_tokens', support, embeddings: true });
};

const anthropic = () => anthropicProvider(anthropicEndpoint(`${env.FAKE_LLM_URL}/anthropic`, 'test-anthropic-key'));

const callTo = (model: string, text: string, signal?: AbortSignal): ProviderCall => ({
  model,
  messages: [{ role: 'user', content: text }],
  maxTokens: 64,
  ...(signal ? { signal } : {}),
});

async function drain(chunks: AsyncIterable<ProviderChunk>): Promise<ProviderChunk[]> {
  const seen: ProviderChunk[] = [];
  for await (const chunk of chunks) seen.push(chunk);
  return seen;
}

/** What a call threw, so a test can look at it whole. */
const failureOf = (work: Promise<unknown>) =>
  work.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('happy', () => {
  it('answers a chat from an OpenAI-compatible server, labelled fake', async () => {
    const result = await moonshot().chat(callTo('kimi-k2.5', uniqueMarker('http-chat')));
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result).toMatchObject({ finishReason: 'stop', fake: true });
  });

  it.each([
    ['moonshot', moonshot, 'kimi-k2.5'],
    ['anthropic', anthropic, 'claude-sonnet-5-5'],
  ] as const)('streams text from %s and ends with its usage', async (_, provider, model) => {
    const chunks = await drain(provider().stream(callTo(model, uniqueMarker('http-stream'))));
    const text = chunks.flatMap((chunk) => (chunk.type === 'text' ? [chunk.text] : [])).join('');
    const done = chunks.at(-1);
    expect(done?.type).toBe('done');
    if (done?.type !== 'done') return;
    expect(done.result.text).toBe(text);
    expect(text.length).toBeGreaterThan(0);
    expect(done.result.usage.outputTokens).toBeGreaterThan(0);
    expect(done.result.fake).toBe(true);
  });

  it('embeds texts in input order', async () => {
    const result = await openai().embed?.({ model: 'text-embedding-3-small', input: ['one', 'two', 'three'] });
    expect(result?.vectors).toHaveLength(3);
    expect(result?.fake).toBe(true);
  });

  it("lists Anthropic's models with its version header", async () => {
    const endpoint = anthropicEndpoint(`${env.FAKE_LLM_URL}/anthropic`, 'test-anthropic-key');
    const { ids } = await listModels('anthropic', endpoint);
    expect(ids).toContain('claude-sonnet-5-5');
    expect(ids).not.toContain('kimi-k2.5');
  });
});

describe('errors', () => {
  it('maps a 429 to retryable with its retry-after', async () => {
    const marker = uniqueMarker('http-429');
    await addFault({ contains: marker, status: 429, retryAfter: 3, provider: 'moonshot' });
    const error = await failureOf(moonshot().chat(callTo('kimi-k2.5', marker)));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'retryable', status: 429, retryAfterMs: 3_000 });
    expect((error as Error).message).toMatch(/^429 Rate limit reached/);
  });

  it('maps a 401 before a stream to rejected', async () => {
    const marker = uniqueMarker('http-401');
    await addFault({ contains: marker, status: 401, provider: 'anthropic' });
    const error = await failureOf(drain(anthropic().stream(callTo('claude-sonnet-5-5', marker))));
    expect(error).toMatchObject({ provider: 'anthropic', kind: 'rejected', status: 401 });
    expect((error as Error).message).toContain('authentication_error');
  });

  it('takes a 200 whose body is not JSON as a malformed response', async () => {
    const marker = uniqueMarker('http-malformed');
    await addFault({ contains: marker, status: 200, body: 'malformed', provider: 'anthropic' });
    const error = await failureOf(anthropic().chat(callTo('claude-sonnet-5-5', marker)));
    expect(error).toMatchObject({ kind: 'retryable' });
    expect((error as Error).message).toMatch(/^malformed response: /);
  });

  it.each([
    ['moonshot', moonshot, 'kimi-k2.5'],
    ['anthropic', anthropic, 'claude-sonnet-5-5'],
  ] as const)('fails a stream from %s that reports an error after its first text', async (id, provider, model) => {
    const marker = uniqueMarker('http-midstream');
    await addFault({ contains: marker, status: 200, midstream: true, provider: id });
    const seen: ProviderChunk[] = [];
    const error = await failureOf(
      (async () => {
        for await (const chunk of provider().stream(callTo(model, marker))) seen.push(chunk);
      })(),
    );
    expect(seen.some((chunk) => chunk.type === 'text')).toBe(true);
    expect(seen.some((chunk) => chunk.type === 'done')).toBe(false);
    expect(error).toBeInstanceOf(ProviderError);
    // An answer had begun: the upstream worked on the call, so the router must not send it again.
    expect(error).toMatchObject({ provider: id, kind: 'retryable', unanswered: false });
  });

  it('times out an upstream that does not answer', async () => {
    const marker = uniqueMarker('http-slow');
    await addFault({ contains: marker, status: 200, delayMs: 30_000, provider: 'moonshot' });
    const error = await failureOf(moonshot(50).chat(callTo('kimi-k2.5', marker)));
    expect(error).toMatchObject({ kind: 'retryable', message: 'timed out' });
  });

  it('names a refused connection', async () => {
    // Port 1 on loopback: nothing listens there.
    const error = await failureOf(moonshot(10_000, 'http://127.0.0.1:1/v1').chat(callTo('kimi-k2.5', 'refused')));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'retryable', unanswered: true });
    expect((error as Error).message).toMatch(/^connection failed: /);
  });

  it("stops when the caller's signal aborts", async () => {
    const marker = uniqueMarker('http-abort');
    await addFault({ contains: marker, status: 200, delayMs: 30_000, provider: 'moonshot' });
    const caller = new AbortController();
    const pending = failureOf(moonshot().chat(callTo('kimi-k2.5', marker, caller.signal)));
    caller.abort();
    expect(await pending).toMatchObject({ kind: 'retryable', message: 'aborted by the caller' });
    const already = await failureOf(moonshot().chat(callTo('kimi-k2.5', marker, caller.signal)));
    expect(already).toMatchObject({ message: 'aborted by the caller' });
  });
});
