import { readFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeLlmHandle } from '../../local-stack/services/fake-llm.ts';
import { startFakeLlm } from '../../local-stack/services/fake-llm.ts';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/llm/${name}`, import.meta.url), 'utf8'));

const QUESTION = 'Look up Brandschutz Alpen GmbH';
const RESULT = '{"company":"Brandschutz Alpen GmbH","bant":72}';
const openAiTools: OpenAI.Chat.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'crm_search',
      description: 'Search CRM leads',
      parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
    },
  },
];
const anthropicTools: Anthropic.Tool[] = [
  {
    name: 'crm_search',
    description: 'Search CRM leads',
    input_schema: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
  },
];

let fake: FakeLlmHandle;
beforeAll(async () => {
  fake = await startFakeLlm({ port: 0 });
});
afterAll(async () => {
  await fake?.close();
});

describe('OpenAI wire format', () => {
  const client = () => new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/moonshot/v1`, maxRetries: 0 });
  const ask: OpenAI.Chat.ChatCompletionMessageParam = { role: 'user', content: QUESTION };

  it('calls the offered tool, then answers from its result', async () => {
    const first = await client().chat.completions.create({ model: 'kimi-k2.5', messages: [ask], tools: openAiTools });
    const choice = first.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    const call = choice?.message.tool_calls?.[0];
    if (call?.type !== 'function') throw new Error('no function call');
    expect(call.function.name).toBe('crm_search');
    expect(JSON.parse(call.function.arguments)).toEqual({ query: QUESTION });
    const second = await client().chat.completions.create({
      model: 'kimi-k2.5',
      tools: openAiTools,
      messages: [
        ask,
        choice?.message as OpenAI.Chat.ChatCompletionMessageParam,
        { role: 'tool', tool_call_id: call.id, content: RESULT },
      ],
    });
    expect(second.choices[0]?.finish_reason).toBe('stop');
    expect(second.choices[0]?.message.content).toBe(`[fake] ${RESULT}`);
  });

  it('streams a call as id and name first, then argument fragments', async () => {
    const runner = client().chat.completions.stream({ model: 'kimi-k2.5', messages: [ask], tools: openAiTools });
    const final = await runner.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ query: QUESTION });
  });

  it('answers in text when tool_choice is none', async () => {
    const answer = await client().chat.completions.create({
      model: 'kimi-k2.5',
      messages: [ask],
      tools: openAiTools,
      tool_choice: 'none',
    });
    expect(answer.choices[0]?.message.content).toBe(`[fake] ${QUESTION}`);
  });

  it('takes the published sample request as it is', async () => {
    const body = fixture('openai_chat_request_tools.json') as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;
    const answer = await client().chat.completions.create({ ...body, stream: false, stream_options: undefined });
    expect(answer.choices[0]?.finish_reason).toBe('stop');
  });

  it('refuses a tool message that answers no call', async () => {
    await expect(
      client().chat.completions.create({
        model: 'kimi-k2.5',
        messages: [ask, { role: 'tool', tool_call_id: 'call_unknown', content: RESULT }],
      }),
    ).rejects.toMatchObject({ status: 400 });
  });
});

describe('scripted conversations', () => {
  const client = () => new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/moonshot/v1`, maxRetries: 0 });
  const script = (body: unknown) =>
    fetch(`${fake.url}/__fake/scripts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('leads a matching chat through its turns by the assistant turns it already has', async () => {
    const match = 'script-probe-91c2';
    expect(
      (
        await script({
          match,
          turns: [{ call: { name: 'crm_search', arguments: { query: 'alpen' } } }, { text: 'Found it.' }],
        })
      ).status,
    ).toBe(201);
    const ask: OpenAI.Chat.ChatCompletionMessageParam = { role: 'user', content: `${QUESTION} ${match}` };
    const first = await client().chat.completions.create({ model: 'kimi-k2.5', messages: [ask], tools: openAiTools });
    const call = first.choices[0]?.message.tool_calls?.[0];
    if (call?.type !== 'function') throw new Error('no function call');
    expect(JSON.parse(call.function.arguments)).toEqual({ query: 'alpen' });
    const second = await client().chat.completions.create({
      model: 'kimi-k2.5',
      tools: openAiTools,
      messages: [
        ask,
        first.choices[0]?.message as OpenAI.Chat.ChatCompletionMessageParam,
        { role: 'tool', tool_call_id: call.id, content: RESULT },
      ],
    });
    expect(second.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: 'Found it.' } });
  });

  it('refuses a script without a match or turns', async () => {
    expect((await script({ match: 'x', turns: [{ text: 'a' }] })).status).toBe(400);
    expect((await script({ match: 'long enough', turns: [] })).status).toBe(400);
    expect((await script({ match: 'long enough', turns: [{ call: { arguments: {} } }] })).status).toBe(400);
  });
});

describe('Anthropic wire format', () => {
  const client = () => new Anthropic({ apiKey: 'sk-ant-fake', baseURL: `${fake.url}/anthropic`, maxRetries: 0 });
  const ask: Anthropic.MessageParam = { role: 'user', content: QUESTION };
  const params = { model: 'claude-sonnet-5-5', max_tokens: 256, tools: anthropicTools };

  it('answers with a text block and a tool_use block, then from the tool_result', async () => {
    const first = await client().messages.create({ ...params, messages: [ask] });
    expect(first.stop_reason).toBe('tool_use');
    const use = first.content.find((block) => block.type === 'tool_use');
    if (use?.type !== 'tool_use') throw new Error('no tool_use');
    expect(use.input).toEqual({ query: QUESTION });
    const second = await client().messages.create({
      ...params,
      messages: [
        ask,
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: RESULT }] },
      ],
    });
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content).toEqual([{ type: 'text', text: `[fake] ${RESULT}` }]);
  });

  it('streams tool input as partial_json fragments the SDK assembles', async () => {
    const final = await client()
      .messages.stream({ ...params, messages: [ask] })
      .finalMessage();
    expect(final.stop_reason).toBe('tool_use');
    expect(final.content[1]).toMatchObject({ type: 'tool_use', name: 'crm_search', input: { query: QUESTION } });
  });

  it('takes the published sample request as it is', async () => {
    const body = fixture('anthropic_request_tools.json') as Anthropic.MessageCreateParamsNonStreaming;
    const answer = await client().messages.create(body);
    expect(answer.stop_reason).toBe('end_turn');
  });

  it.each([
    [
      'a tool_result for an unknown id',
      { messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_x', content: 'x' }] }] },
    ],
    [
      'OpenAI-style parameters instead of input_schema',
      { messages: [ask], tools: [{ name: 'crm_search', parameters: {} }] },
    ],
    ['a string tool_choice', { messages: [ask], tool_choice: 'auto' }],
  ])('refuses %s', async (_label, extra) => {
    const body = { ...params, ...extra } as unknown as Anthropic.MessageCreateParamsNonStreaming;
    await expect(client().messages.create(body)).rejects.toMatchObject({ status: 400 });
  });
});

describe('images', () => {
  it('reads both wire samples, bills each image and logs it as the wire put it', async () => {
    const openAi = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/moonshot/v1`, maxRetries: 0 });
    const chat = await openAi.chat.completions.create(
      fixture('openai_chat_request_image.json') as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming,
    );
    expect(chat.usage?.prompt_tokens).toBeGreaterThan(2 * 1_024);
    const anthropic = new Anthropic({ apiKey: 'sk-ant-fake', baseURL: `${fake.url}/anthropic`, maxRetries: 0 });
    const message = await anthropic.messages.create(
      fixture('anthropic_request_image.json') as Anthropic.MessageCreateParamsNonStreaming,
    );
    expect(message.usage.input_tokens).toBeGreaterThan(2 * 1_024);

    const log = (await (await fetch(`${fake.url}/__fake/requests`)).json()) as {
      provider: string;
      excerpt: string;
      messages: { role: string; images?: string[] }[];
    }[];
    // Only this test's requests: an earlier sample carries an image too.
    const images = (provider: string) =>
      log
        .filter((entry) => entry.provider === provider && entry.excerpt.includes('fire-alarm panels'))
        .flatMap((entry) => entry.messages.flatMap((m) => m.images ?? []));
    expect(images('moonshot')).toEqual([
      expect.stringMatching(/^image_url:data:image\/png;base64,/),
      'image_url:https://images.example.com/fire-panel.jpg',
    ]);
    expect(images('anthropic')).toEqual(['base64:image/png', 'url:https://images.example.com/fire-panel.jpg']);
  });
});
