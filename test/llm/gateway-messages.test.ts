import { exports } from 'cloudflare:workers';
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { workerFetch } from '../helpers/fetch';
import { uniqueMarker, upstreamRequests } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';
import { ledgerRowsOf } from '../helpers/ledger-rows';
import { tokenFor } from '../helpers/tokens';

const RESULT = '{"company":"Brandschutz Alpen GmbH","bant":72}';
const tools: Anthropic.Tool[] = [
  {
    name: 'crm_search',
    description: 'Search CRM leads by name, company or e-mail',
    input_schema: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
  },
];

/** The real Anthropic SDK pointed at the Worker, as any Anthropic client would use it. */
const anthropicClient = (options: { apiKey?: string | null; authToken?: string } = {}) =>
  new Anthropic({
    baseURL: 'http://empire.test',
    apiKey: options.apiKey === undefined ? ownerKey : options.apiKey,
    authToken: options.authToken ?? null,
    maxRetries: 0,
    fetch: (input, init) => exports.default.fetch(new Request(input as RequestInfo, init as RequestInit)),
  });

interface EmpireFields {
  empire: { provider: string; cost_micros: number };
}

const toolUse = (message: Anthropic.Message) => {
  const use = message.content.find((block) => block.type === 'tool_use');
  if (use?.type !== 'tool_use') throw new Error('the model used no tool');
  return use;
};

describe('happy', () => {
  it('answers text with a system prompt, with one ledger row', async () => {
    const marker = uniqueMarker('messages-text');
    const message = await anthropicClient().messages.create(
      {
        model: 'auto:research',
        max_tokens: 64,
        system: 'Be brief.',
        messages: [{ role: 'user', content: `${marker} hi` }],
      },
      { headers: { 'x-request-id': marker } },
    );
    expect(message.stop_reason).toBe('end_turn');
    expect(message.content[0]).toMatchObject({ type: 'text' });
    expect(message.usage.output_tokens).toBeGreaterThan(0);
    const [sent] = await upstreamRequests(marker);
    expect(sent?.excerpt).toContain('Be brief.');
    const fields = message as unknown as EmpireFields;
    expect(await ledgerRowsOf(marker)).toEqual([
      { model: message.model, status: 'ok', cost_micros: fields.empire.cost_micros },
    ]);
  });

  it.each(['anthropic/claude-sonnet-5-5', 'moonshot/kimi-k2.5', 'ollama/qwen2.5-coder'])(
    'runs the tool loop on %s: tool_use, tool_result, final answer',
    async (model) => {
      const marker = uniqueMarker('messages-tools');
      const asked: Anthropic.MessageParam[] = [{ role: 'user', content: `${marker} find Alpen GmbH` }];
      const first = await anthropicClient().messages.create({ model, max_tokens: 256, messages: asked, tools });
      expect(first.stop_reason).toBe('tool_use');
      const use = toolUse(first);
      expect(use.name).toBe('crm_search');
      expect((use.input as { query: string }).query).toContain(marker);
      const second = await anthropicClient().messages.create({
        model,
        max_tokens: 256,
        tools,
        messages: [
          ...asked,
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: RESULT }] },
        ],
      });
      expect(second.stop_reason).toBe('end_turn');
      expect(second.content).toEqual([{ type: 'text', text: `[fake] ${RESULT}` }]);
    },
  );

  it.each(['anthropic/claude-sonnet-5-5', 'moonshot/kimi-k2.5'])('streams text and tool use on %s', async (model) => {
    const marker = uniqueMarker('messages-stream');
    const asked: Anthropic.MessageParam[] = [{ role: 'user', content: `${marker} find Alpen GmbH` }];
    const stream = anthropicClient().messages.stream({
      model,
      max_tokens: 256,
      messages: asked,
      tools,
      tool_choice: { type: 'auto' },
    });
    const first = await stream.finalMessage();
    expect(first.stop_reason).toBe('tool_use');
    const use = toolUse(first);
    expect((use.input as { query: string }).query).toContain(marker);
    const texts: string[] = [];
    const second = await anthropicClient()
      .messages.stream({
        model,
        max_tokens: 256,
        tools,
        messages: [
          ...asked,
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: RESULT }] },
        ],
      })
      .on('text', (text) => texts.push(text))
      .finalMessage();
    expect(texts.join('')).toBe(`[fake] ${RESULT}`);
    expect(second.usage.output_tokens).toBeGreaterThan(0);
  });

  it('takes a JWT as a bearer token', async () => {
    const client = anthropicClient({ apiKey: null, authToken: await tokenFor() });
    const message = await client.messages.create({
      model: 'ollama/llama3.2',
      max_tokens: 16,
      stop_sequences: ['###'],
      messages: [{ role: 'user', content: `${uniqueMarker('messages-jwt')} hi` }],
    });
    expect(message.type).toBe('message');
  });
});

describe('errors', () => {
  it('refuses a parameter it cannot honour, in Anthropic’s error shape', async () => {
    const marker = uniqueMarker('messages-refused');
    const error = await anthropicClient()
      .messages.create({
        model: 'anthropic/claude-sonnet-5-5',
        max_tokens: 16,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        messages: [{ role: 'user', content: marker }],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringContaining('thinking') },
    });
    expect(await upstreamRequests(marker)).toEqual([]);
  });

  it.each([
    [
      'messages[0].content[0].type',
      {
        messages: [
          { role: 'user', content: [{ type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' } }] },
        ],
      },
    ],
    [
      'tools[0].type',
      { messages: [{ role: 'user', content: 'hi' }], tools: [{ type: 'web_search_20250305', name: 'web_search' }] },
    ],
  ])('refuses %s by name', async (parameter, extra) => {
    const response = await workerFetch('/v1/messages', {
      method: 'POST',
      headers: { 'x-api-key': ownerKey, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'anthropic/claude-sonnet-5-5', max_tokens: 16, ...extra }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { type: string; error: { type: string; message: string } };
    expect(body.error.message).toContain(parameter);
  });

  it('answers a missing or wrong key with authentication_error', async () => {
    const attempts: Record<string, string>[] = [{}, { 'x-api-key': 'emp_not_a_real_key_0000000000000000' }];
    for (const headers of attempts) {
      const response = await workerFetch('/v1/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ model: 'auto', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    }
  });
});
