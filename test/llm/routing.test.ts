import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../workers/app';
import { addFault, gatewayClient, uniqueMarker, upstreamRequests } from '../helpers/gateway';

const ask = (marker: string, extra = '') => [{ role: 'user' as const, content: `${marker} ${extra}`.trim() }];

interface EmpireFields {
  empire: { provider: string; cost_micros: number; cached: boolean; fake: boolean };
}

describe('happy', () => {
  it.each([
    ['auto:simple', 'ollama', 'ollama/qwen2.5-coder'],
    ['auto:research', 'moonshot', 'moonshot/kimi-k2.5'],
    ['auto:strategic', 'anthropic', 'anthropic/claude-opus-5-5'],
  ])('routes %s to %s through the real SDK clients', async (model, provider, expected) => {
    const marker = uniqueMarker('route');
    const completion = await gatewayClient().chat.completions.create({ model, messages: ask(marker), max_tokens: 64 });
    expect(completion.model).toBe(expected);
    expect(completion.choices[0]?.message.content).toMatch(/^\[fake\]/);
    const upstream = await upstreamRequests(marker);
    expect(upstream.map((entry) => entry.provider)).toEqual([provider]);
    const fields = completion as unknown as EmpireFields;
    expect(fields.empire).toMatchObject({ provider, fake: true, cached: false });
  });

  it.each(['ollama/mistral', 'ollama/deepseek-r1'])('answers %s from the seed catalogue', async (model) => {
    const marker = uniqueMarker('seeded');
    const completion = await gatewayClient().chat.completions.create({ model, messages: ask(marker), max_tokens: 64 });
    expect(completion.model).toBe(model);
    const upstream = await upstreamRequests(marker);
    expect(upstream.map((entry) => [entry.provider, entry.model])).toEqual([['ollama', model.slice('ollama/'.length)]]);
    expect((completion as unknown as EmpireFields).empire.cost_micros).toBe(0);
  });

  it('reaches an Ollama behind Cloudflare Access with the service token, and not without it', async () => {
    const behindAccess = { ...env, OLLAMA_URL: `${env.ACCESS_LLM_URL}/ollama` };
    const chat = async (bindings: Record<string, unknown>, marker: string) => {
      const ctx = createExecutionContext();
      const response = await app.request(
        '/v1/chat/completions',
        {
          method: 'POST',
          headers: { authorization: `Bearer ${env.EMPIRE_DEV_OWNER_KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'ollama/llama3.2', messages: ask(marker), max_tokens: 16 }),
        },
        bindings,
        ctx,
      );
      await waitOnExecutionContext(ctx);
      return response;
    };
    const marker = uniqueMarker('access');
    const answered = await chat(behindAccess, marker);
    expect(answered.status).toBe(200);
    expect((await upstreamRequests(marker)).map((entry) => [entry.provider, entry.status])).toEqual([['ollama', 200]]);

    const refusedMarker = uniqueMarker('no-token');
    const refused = await chat(
      { ...behindAccess, CF_ACCESS_CLIENT_ID: '', CF_ACCESS_CLIENT_SECRET: '' },
      refusedMarker,
    );
    expect(refused.status).toBeGreaterThanOrEqual(400);
    // The gate refused it before the upstream saw anything.
    expect(await upstreamRequests(refusedMarker)).toEqual([]);
  });

  it('prices a call from its real usage and the catalogue', async () => {
    const completion = await gatewayClient().chat.completions.create({
      model: 'auto:research',
      messages: ask(uniqueMarker('price'), 'what does the market for fire alarm audits look like'),
      max_tokens: 200,
    });
    const usage = completion.usage;
    if (!usage) throw new Error('no usage');
    // Kimi K2.5: 0.60 USD in, 3.00 USD out per million tokens, rounded up per part.
    const expected = Math.ceil(usage.prompt_tokens * 0.6) + Math.ceil(usage.completion_tokens * 3);
    expect((completion as unknown as EmpireFields).empire.cost_micros).toBe(expected);
  });

  it('lets an explicit model win over the class', async () => {
    const marker = uniqueMarker('explicit');
    const completion = await gatewayClient().chat.completions.create(
      { model: 'anthropic/claude-haiku-5-5', messages: ask(marker), max_tokens: 32 },
      { headers: { 'x-empire-task-class': 'simple' } },
    );
    expect(completion.model).toBe('anthropic/claude-haiku-5-5');
    expect((await upstreamRequests(marker))[0]?.model).toBe('claude-haiku-5-5');
  });

  it('classifies an auto request by its text', async () => {
    const completion = await gatewayClient().chat.completions.create({
      model: 'auto',
      messages: ask(uniqueMarker('classify'), 'Decide our pricing strategy for next year'),
      max_tokens: 32,
    });
    expect(completion.model).toBe('anthropic/claude-opus-5-5');
  });

  it('streams with usage through the SDK', async () => {
    const marker = uniqueMarker('stream');
    const stream = await gatewayClient().chat.completions.create({
      model: 'auto:strategic',
      messages: ask(marker, 'one two three four five'),
      max_tokens: 64,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: { prompt_tokens: number; completion_tokens: number } | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toMatch(/^\[fake\]/);
    expect(usage?.completion_tokens).toBe(text.split(/\s+/).filter(Boolean).length);
    expect((await upstreamRequests(marker))[0]).toMatchObject({ provider: 'anthropic', stream: true });
  });

  it('skips a model whose context window the request does not fit', async () => {
    const marker = uniqueMarker('context');
    // About 40K tokens: past Qwen's 32K window, inside Llama's 128K.
    const big = 'lorem ipsum '.repeat(14_000);
    const completion = await gatewayClient().chat.completions.create({
      model: 'auto:simple',
      messages: ask(marker, big),
      max_tokens: 64,
    });
    expect(completion.model).toBe('ollama/llama3.2');
  });

  it('lists the catalogue with prices and the auto routes', async () => {
    const list = await gatewayClient().models.list();
    const ids = list.data.map((model) => model.id);
    expect(ids).toEqual(
      expect.arrayContaining(['auto', 'auto:strategic', 'moonshot/kimi-k2.5', 'anthropic/claude-opus-5-5']),
    );
  });
});

describe('errors', () => {
  it('falls back to the next candidate on a 500', async () => {
    const marker = uniqueMarker('fallback500');
    await addFault({ contains: marker, provider: 'moonshot', status: 500 });
    const completion = await gatewayClient().chat.completions.create({
      model: 'auto:research',
      messages: ask(marker),
      max_tokens: 32,
    });
    expect(completion.model).toBe('anthropic/claude-sonnet-5-5');
    expect((await upstreamRequests(marker)).map((entry) => [entry.provider, entry.status])).toEqual([
      ['moonshot', 500],
      ['anthropic', 200],
    ]);
  });

  it('falls back on a malformed upstream body', async () => {
    const marker = uniqueMarker('malformed');
    await addFault({ contains: marker, provider: 'moonshot', status: 200, body: 'malformed' });
    const completion = await gatewayClient().chat.completions.create({
      model: 'auto:research',
      messages: ask(marker),
      max_tokens: 32,
    });
    expect(completion.model).toBe('anthropic/claude-sonnet-5-5');
  });

  it('waits out a short retry-after on the same provider', async () => {
    const marker = uniqueMarker('retryafter');
    await addFault({ contains: marker, provider: 'anthropic', status: 429, retryAfter: 1 });
    const started = Date.now();
    const completion = await gatewayClient().chat.completions.create({
      model: 'auto:strategic',
      messages: ask(marker),
      max_tokens: 32,
    });
    expect(completion.model).toBe('anthropic/claude-opus-5-5');
    const upstream = await upstreamRequests(marker);
    expect(upstream.map((entry) => entry.status)).toEqual([429, 200]);
    expect(Date.parse(upstream[1]?.at ?? '') - Date.parse(upstream[0]?.at ?? '')).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('answers 422 when no model can take the request', async () => {
    const client = gatewayClient();
    await expect(
      client.chat.completions.create({ model: 'ollama/qwen2.5-coder', messages: ask('x'), max_tokens: 100_000 }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      client.chat.completions.create({ model: 'no-such-model', messages: ask('x'), max_tokens: 10 }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it('stops at a 400 the provider gives for the request itself', async () => {
    const marker = uniqueMarker('invalid');
    await addFault({ contains: marker, provider: 'moonshot', status: 400 });
    await expect(
      gatewayClient().chat.completions.create({ model: 'auto:research', messages: ask(marker), max_tokens: 32 }),
    ).rejects.toMatchObject({ status: 400 });
    expect((await upstreamRequests(marker)).map((entry) => entry.provider)).toEqual(['moonshot']);
  });

  it('answers 502 with every attempt when all providers fail', async () => {
    const marker = uniqueMarker('allfail');
    await addFault({ contains: marker, status: 503, times: 5 });
    const error = await gatewayClient()
      .chat.completions.create({ model: 'auto:research', messages: ask(marker), max_tokens: 32 })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 502 });
    const body = (error as { error: { details: { attempts: unknown[] } } }).error;
    expect(body.details.attempts).toHaveLength(2);
  });

  it('rejects wrong types and malformed JSON in the one error shape', async () => {
    const client = gatewayClient();
    await expect(client.chat.completions.create({ model: 'auto', messages: [], max_tokens: 10 })).rejects.toMatchObject(
      { status: 400 },
    );
    await expect(
      client.chat.completions.create({ model: 'auto', messages: ask('x'), max_tokens: -1 }),
    ).rejects.toMatchObject({ status: 400 });
  });
});
