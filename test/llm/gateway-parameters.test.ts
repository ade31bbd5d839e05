import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { type ErrorShape, workerFetch } from '../helpers/fetch';
import { gatewayClient, uniqueMarker, upstreamRequests } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';

const ask = (marker: string) => [{ role: 'user', content: `${marker} say hello` }];

/** A raw request, so the test can send what the SDK's types would not let through. */
async function complete(body: Record<string, unknown>): Promise<Response> {
  return workerFetch('/v1/chat/completions', {
    method: 'POST',
    headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const jsonSchema = {
  type: 'json_schema',
  json_schema: {
    name: 'lead_score',
    strict: true,
    schema: { type: 'object', properties: { bant: { type: 'integer' } }, required: ['bant'] },
  },
};

describe('happy: passed through or translated', () => {
  it.each([
    [
      'moonshot/kimi-k2.5',
      { stop: ['###'], top_p: 0.5, presence_penalty: 0.25, frequency_penalty: 0.5, max_completion_tokens: 77 },
      [
        '"stop":["###"]',
        '"top_p":0.5',
        '"presence_penalty":0.25',
        '"frequency_penalty":0.5',
        '"max_completion_tokens":77',
      ],
    ],
    [
      'anthropic/claude-sonnet-5-5',
      { stop: '###', top_p: 0.5, max_completion_tokens: 77, user: 'user-42' },
      ['"stop_sequences":["###"]', '"top_p":0.5', '"max_tokens":77', '"metadata":{"user_id":"user-42"}'],
    ],
    [
      'ollama/llama3.2',
      { seed: 7, stop: ['###'], response_format: jsonSchema, max_completion_tokens: 77 },
      ['"seed":7', '"stop":["###"]', '"response_format":{"type":"json_schema"', '"max_tokens":77'],
    ],
  ])('carries the parameters to %s', async (model, parameters, expected) => {
    const marker = uniqueMarker('params');
    const response = await complete({ model, messages: ask(marker), ...parameters });
    expect(response.status).toBe(200);
    const [sent] = await upstreamRequests(marker);
    for (const fragment of expected) expect(sent?.excerpt).toContain(fragment);
  });

  it.each([
    ['anthropic/claude-sonnet-5-5', false, '"tool_choice":{"type":"tool","name":"lead_score"}'],
    ['anthropic/claude-sonnet-5-5', true, '"tool_choice":{"type":"tool","name":"lead_score"}'],
    ['ollama/llama3.2', false, '"response_format":{"type":"json_schema"'],
  ])('answers a json_schema request on %s (streamed: %s) with JSON that fits', async (model, stream, sent) => {
    const marker = uniqueMarker('schema');
    const request: Omit<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming, 'stream'> = {
      model,
      messages: [{ role: 'user', content: `${marker} score the lead` }],
      response_format: jsonSchema as OpenAI.ResponseFormatJSONSchema,
    };
    const client = gatewayClient();
    const completion = stream
      ? await client.chat.completions.stream(request).finalChatCompletion()
      : await client.chat.completions.create(request);
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.choices[0]?.message.tool_calls ?? []).toEqual([]);
    const answer = JSON.parse(completion.choices[0]?.message.content ?? '') as { bant?: unknown };
    expect(Number.isInteger(answer.bant)).toBe(true);
    expect((await upstreamRequests(marker))[0]?.excerpt).toContain(sent);
  });

  it('routes an auto request past candidates that cannot honour a parameter', async () => {
    const marker = uniqueMarker('auto-skip');
    const completion = await gatewayClient().chat.completions.create({
      model: 'auto:strategic',
      messages: [{ role: 'user', content: `${marker} decide` }],
      presence_penalty: 0.5,
    });
    // Claude has no presence penalty; Kimi, the class's last candidate, has.
    expect(completion.model).toBe('moonshot/kimi-k2.5');
  });
});

describe('errors: refused by name, never dropped', () => {
  it.each([
    ['n', 'moonshot/kimi-k2.5', { n: 2 }],
    ['logprobs', 'moonshot/kimi-k2.5', { logprobs: true }],
    ['top_logprobs', 'ollama/llama3.2', { top_logprobs: 2 }],
    ['logit_bias', 'anthropic/claude-sonnet-5-5', { logit_bias: { '50256': -100 } }],
    ['logit_bias', 'ollama/llama3.2', { logit_bias: { '50256': -100 } }],
    ['seed', 'anthropic/claude-sonnet-5-5', { seed: 7 }],
    ['seed', 'moonshot/kimi-k2.5', { seed: 7 }],
    ['presence_penalty', 'anthropic/claude-sonnet-5-5', { presence_penalty: 0.5 }],
    ['frequency_penalty', 'anthropic/claude-sonnet-5-5', { frequency_penalty: 0.5 }],
    ['top_p', 'anthropic/claude-sonnet-5-5', { top_p: 0.5, temperature: 0.3 }],
    [
      'response_format',
      'anthropic/claude-sonnet-5-5',
      { response_format: jsonSchema, tools: [{ type: 'function', function: { name: 'crm_search' } }] },
    ],
    ['response_format', 'moonshot/kimi-k2.5', { response_format: jsonSchema }],
    ['tool_choice', 'ollama/llama3.2', { tool_choice: 'required' }],
    ['tool_choice', 'moonshot/kimi-k2.5', { tool_choice: { type: 'function', function: { name: 'crm_search' } } }],
    ['parallel_tool_calls', 'ollama/llama3.2', { parallel_tool_calls: false }],
  ])('refuses %s on %s with a 400 naming it', async (parameter, model, parameters) => {
    const marker = uniqueMarker('refuse');
    const response = await complete({ model, messages: ask(marker), ...parameters });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorShape;
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain(`'${parameter}'`);
    expect(error.message).toContain(model);
    expect(error.details).toMatchObject({ param: parameter, model });
    expect(await upstreamRequests(marker)).toEqual([]);
  });

  it('refuses a parameter no candidate of an auto class can honour', async () => {
    const response = await complete({ model: 'auto:strategic', messages: ask(uniqueMarker('auto')), seed: 7 });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorShape).error.message).toContain("'seed'");
  });

  it.each([
    ['17 keys', Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v']))],
    ['a 65-character key', { ['k'.repeat(65)]: 'v' }],
    ['a 513-character value', { note: 'v'.repeat(513) }],
    ['a value that is not a string', { count: 3 }],
  ])('refuses metadata with %s, naming it', async (_case, metadata) => {
    const marker = uniqueMarker('metadata');
    const response = await complete({ model: 'moonshot/kimi-k2.5', messages: ask(marker), metadata });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorShape & { error: { param?: string } };
    expect(error.code).toBe('invalid_request');
    expect(error.param ?? error.message).toContain('metadata');
    expect(await upstreamRequests(marker)).toEqual([]);
  });

  it.each(['store', 'functions', 'made_up_option'])('refuses the unknown parameter %s by name', async (name) => {
    const marker = uniqueMarker('unknown');
    const response = await complete({ model: 'moonshot/kimi-k2.5', messages: ask(marker), [name]: { a: 1 } });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorShape;
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain(name);
    expect(await upstreamRequests(marker)).toEqual([]);
  });
});
