import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { type ErrorShape, workerFetch } from '../helpers/fetch';
import { gatewayClient, uniqueMarker, upstreamRequests } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';
import { ledgerRowsOf } from '../helpers/ledger-rows';

const RESULT = '{"company":"Brandschutz Alpen GmbH","bant":72}';
const tools: OpenAI.Responses.FunctionTool[] = [
  {
    type: 'function',
    name: 'crm_search',
    description: 'Search CRM leads by name, company or e-mail',
    parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
    strict: false,
  },
];

interface EmpireFields {
  empire: { provider: string; cost_micros: number };
}

/** A raw request, so the test can send what the SDK's types would not let through. */
const respond = (body: Record<string, unknown>) =>
  workerFetch('/v1/responses', {
    method: 'POST',
    headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

function functionCall(response: OpenAI.Responses.Response) {
  const call = response.output.find((item) => item.type === 'function_call');
  if (call?.type !== 'function_call') throw new Error('the model made no function call');
  return call;
}

describe('happy', () => {
  it('answers a string input with a message and usage, with one ledger row', async () => {
    const marker = uniqueMarker('responses-text');
    const response = await gatewayClient().responses.create(
      { model: 'auto:research', input: `${marker} say hello`, instructions: 'Be brief.', max_output_tokens: 64 },
      { headers: { 'x-request-id': marker } },
    );
    expect(response.status).toBe('completed');
    expect(response.output_text).toContain('[fake]');
    expect(response.output[0]?.type).toBe('message');
    expect(response.usage?.output_tokens).toBeGreaterThan(0);
    const fields = response as unknown as EmpireFields;
    expect(fields.empire.provider).toBe('moonshot');
    const [sent] = await upstreamRequests(marker);
    expect(sent?.excerpt).toContain('"role":"system","content":"Be brief."');
    const rows = await ledgerRowsOf(marker);
    expect(rows).toEqual([{ model: response.model, status: 'ok', cost_micros: fields.empire.cost_micros }]);
  });

  it.each(['moonshot/kimi-k2.5', 'anthropic/claude-sonnet-5-5'])(
    'runs the function tool loop on %s: call, output, final answer',
    async (model) => {
      const marker = uniqueMarker('responses-tools');
      const input: OpenAI.Responses.ResponseInputItem[] = [{ role: 'user', content: `${marker} find Alpen GmbH` }];
      const first = await gatewayClient().responses.create({ model, input, tools });
      const call = functionCall(first);
      expect(call.name).toBe('crm_search');
      expect((JSON.parse(call.arguments) as { query: string }).query).toContain(marker);
      const second = await gatewayClient().responses.create({
        model,
        tools,
        input: [
          ...input,
          ...(first.output as OpenAI.Responses.ResponseInputItem[]),
          { type: 'function_call_output', call_id: call.call_id, output: RESULT },
        ],
      });
      expect(second.output_text).toBe(`[fake] ${RESULT}`);
      expect(second.output.some((item) => item.type === 'function_call')).toBe(false);
      expect((await upstreamRequests(marker)).map((entry) => entry.status)).toEqual([200, 200]);
    },
  );

  it.each(['moonshot/kimi-k2.5', 'anthropic/claude-sonnet-5-5'])(
    'streams the function tool loop on %s with the Responses events',
    async (model) => {
      const marker = uniqueMarker('responses-stream');
      const input: OpenAI.Responses.ResponseInputItem[] = [{ role: 'user', content: `${marker} find Alpen GmbH` }];
      const types: string[] = [];
      const stream = await gatewayClient().responses.create({ model, input, tools, stream: true });
      let first: OpenAI.Responses.Response | undefined;
      for await (const event of stream) {
        types.push(event.type);
        if (event.type === 'response.completed') first = event.response;
      }
      expect(types[0]).toBe('response.created');
      expect(types).toContain('response.output_item.added');
      expect(types).toContain('response.function_call_arguments.delta');
      expect(types).toContain('response.output_item.done');
      expect(types.at(-1)).toBe('response.completed');
      if (!first) throw new Error('no response.completed');
      const call = functionCall(first);
      expect(call.arguments).toContain(marker);

      const second = await gatewayClient()
        .responses.stream({
          model,
          tools,
          input: [
            ...input,
            ...(first.output as OpenAI.Responses.ResponseInputItem[]),
            { type: 'function_call_output', call_id: call.call_id, output: RESULT },
          ],
        })
        .finalResponse();
      expect(second.output_text).toBe(`[fake] ${RESULT}`);
      expect(second.usage?.output_tokens).toBeGreaterThan(0);
    },
  );

  it('answers a json_schema text format with JSON that fits', async () => {
    const response = await gatewayClient().responses.create({
      model: 'anthropic/claude-haiku-5-5',
      input: `${uniqueMarker('responses-schema')} score the lead`,
      text: {
        format: {
          type: 'json_schema',
          name: 'lead_score',
          strict: true,
          schema: { type: 'object', properties: { bant: { type: 'integer' } }, required: ['bant'] },
        },
      },
    });
    const answer = JSON.parse(response.output_text) as { bant?: unknown };
    expect(Number.isInteger(answer.bant)).toBe(true);
  });
});

describe('errors', () => {
  it.each([
    ['previous_response_id', { previous_response_id: 'resp_123' }],
    ['store', { store: true }],
    ['background', { background: true }],
    ['tools[0].type', { tools: [{ type: 'web_search' }] }],
    ['reasoning', { reasoning: { effort: 'high' } }],
  ])('refuses %s by name', async (parameter, extra) => {
    const marker = uniqueMarker('responses-refused');
    const response = await respond({ model: 'moonshot/kimi-k2.5', input: `${marker} hi`, ...extra });
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorShape;
    expect(body.error.message).toContain(parameter);
    expect(await upstreamRequests(marker)).toEqual([]);
  });

  it('refuses an input the SDK would send wrongly typed', async () => {
    const response = await respond({ model: 'moonshot/kimi-k2.5', input: [{ type: 'function_call_output' }] });
    expect(response.status).toBe(400);
  });
});
