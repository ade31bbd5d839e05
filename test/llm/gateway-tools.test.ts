import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { gatewayClient, uniqueMarker, upstreamRequests } from '../helpers/gateway';

const RESULT = '{"company":"Brandschutz Alpen GmbH","bant":72}';
const tools: OpenAI.Chat.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'crm_search',
      description: 'Search CRM leads by name, company or e-mail',
      parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
    },
  },
];

interface EmpireFields {
  empire: { provider: string; cost_micros: number };
}

const models = [
  ['moonshot/kimi-k2.5', 'moonshot'],
  ['anthropic/claude-sonnet-5-5', 'anthropic'],
  ['ollama/qwen2.5-coder', 'ollama'],
] as const;

/** The first function call of an answer, with its arguments read. */
function firstCall(message: OpenAI.Chat.ChatCompletionMessage) {
  const call = message.tool_calls?.[0];
  if (call?.type !== 'function') throw new Error('the model made no function call');
  return { call, input: JSON.parse(call.function.arguments) as { query?: string } };
}

/** The conversation after the model's call and the caller's tool result. */
const withResult = (
  asked: OpenAI.Chat.ChatCompletionMessageParam[],
  answer: OpenAI.Chat.ChatCompletionMessage,
  callId: string,
): OpenAI.Chat.ChatCompletionMessageParam[] => [
  ...asked,
  answer as OpenAI.Chat.ChatCompletionMessageParam,
  { role: 'tool', tool_call_id: callId, content: RESULT },
];

describe('happy', () => {
  it.each(models)('runs the tool loop on %s: call, result, final answer', async (model, provider) => {
    const marker = uniqueMarker('tool-loop');
    const asked: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: `${marker} find Alpen GmbH` }];
    const first = await gatewayClient().chat.completions.create({ model, messages: asked, tools, max_tokens: 256 });
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    const message = first.choices[0]?.message;
    if (!message) throw new Error('no answer');
    const { call, input } = firstCall(message);
    expect(call.function.name).toBe('crm_search');
    expect(input.query).toContain(marker);
    expect(first.usage?.completion_tokens).toBeGreaterThan(0);
    const fields = first as unknown as EmpireFields;
    expect(fields.empire.provider).toBe(provider);
    // A tool-call answer is billed like any other: from its usage at the catalogue price.
    if (provider !== 'ollama') expect(fields.empire.cost_micros).toBeGreaterThan(0);

    const second = await gatewayClient().chat.completions.create({
      model,
      tools,
      messages: withResult(asked, message, call.id),
      max_tokens: 256,
    });
    expect(second.choices[0]?.finish_reason).toBe('stop');
    expect(second.choices[0]?.message.content).toBe(`[fake] ${RESULT}`);
    expect(second.choices[0]?.message.tool_calls).toBeUndefined();
    const upstream = await upstreamRequests(marker);
    expect(upstream.map((entry) => [entry.provider, entry.status])).toEqual([
      [provider, 200],
      [provider, 200],
    ]);
  });

  it.each(models)('streams the tool loop on %s as delta.tool_calls chunks', async (model, provider) => {
    const marker = uniqueMarker('tool-stream');
    const asked: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: `${marker} find Alpen GmbH` }];
    const first = await gatewayClient()
      .chat.completions.stream({
        model,
        messages: asked,
        tools,
        max_tokens: 256,
        stream_options: { include_usage: true },
      })
      .finalChatCompletion();
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    const message = first.choices[0]?.message;
    if (!message) throw new Error('no answer');
    const { call, input } = firstCall(message);
    expect(call.id).not.toBe('');
    expect(input.query).toContain(marker);
    expect(first.usage?.completion_tokens).toBeGreaterThan(0);

    const second = await gatewayClient()
      .chat.completions.stream({ model, tools, messages: withResult(asked, message, call.id), max_tokens: 256 })
      .finalChatCompletion();
    expect(second.choices[0]?.finish_reason).toBe('stop');
    expect(second.choices[0]?.message.content).toBe(`[fake] ${RESULT}`);
    expect((await upstreamRequests(marker)).map((entry) => [entry.provider, entry.stream])).toEqual([
      [provider, true],
      [provider, true],
    ]);
  });

  it('translates tools, tool calls and results into Claude blocks', async () => {
    const marker = uniqueMarker('claude-blocks');
    const asked: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: `${marker} find Alpen GmbH` }];
    const model = 'anthropic/claude-haiku-5-5';
    const first = await gatewayClient().chat.completions.create({
      model,
      messages: asked,
      tools,
      tool_choice: { type: 'function', function: { name: 'crm_search' } },
      parallel_tool_calls: false,
    });
    const message = first.choices[0]?.message;
    if (!message) throw new Error('no answer');
    expect(message.content).toBe('[fake] calling crm_search');
    const { call } = firstCall(message);
    await gatewayClient().chat.completions.create({ model, tools, messages: withResult(asked, message, call.id) });
    const [sent, answered] = await upstreamRequests(marker);
    expect(sent?.excerpt).toContain('"input_schema":{"type":"object"');
    expect(sent?.excerpt).toContain(
      '"tool_choice":{"type":"tool","name":"crm_search","disable_parallel_tool_use":true}',
    );
    expect(answered?.excerpt).toContain(`"type":"tool_use","id":"${call.id}","name":"crm_search"`);
    expect(answered?.excerpt).toContain(`"type":"tool_result","tool_use_id":"${call.id}"`);
  });

  it('answers in text when tool_choice is none', async () => {
    const completion = await gatewayClient().chat.completions.create({
      model: 'anthropic/claude-sonnet-5-5',
      messages: [{ role: 'user', content: `${uniqueMarker('no-tools')} hello` }],
      tools,
      tool_choice: 'none',
    });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.choices[0]?.message.tool_calls).toBeUndefined();
  });
});

describe('errors', () => {
  it('refuses a tool message that answers no call, as the provider does', async () => {
    const error = await gatewayClient()
      .chat.completions.create({
        model: 'anthropic/claude-sonnet-5-5',
        messages: [
          { role: 'user', content: `${uniqueMarker('orphan')} hi` },
          { role: 'tool', tool_call_id: 'call_nowhere', content: RESULT },
        ],
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400 });
  });

  it('refuses tool-call arguments that are not a JSON object before Claude sees them', async () => {
    const marker = uniqueMarker('bad-args');
    const error = await gatewayClient()
      .chat.completions.create({
        model: 'anthropic/claude-sonnet-5-5',
        messages: [
          { role: 'user', content: `${marker} hi` },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'crm_search', arguments: '{oops' } }],
          },
          { role: 'tool', tool_call_id: 'call_1', content: RESULT },
        ],
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400 });
    expect(await upstreamRequests(marker)).toEqual([]);
  });
});
