import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkedFetch } from '../helpers/fetch';
import { uniqueMarker, upstreamRequests } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';
import { ledgerRowsOf } from '../helpers/ledger-rows';

// The Vercel AI SDK, unchanged, pointed at the gateway: its OpenAI provider speaks the Responses
// API by default (and Chat Completions with `.chat`), its Anthropic provider the Messages API.
// Each runs its own agent loop: a tool call, the tool's result sent back, the final answer.

const gatewayFetch = (input: RequestInfo | URL, init?: RequestInit) =>
  checkedFetch(new Request(input instanceof URL ? input.href : input, init));
const openai = createOpenAI({ baseURL: 'http://empire.test/v1', apiKey: ownerKey, fetch: gatewayFetch });
const anthropic = createAnthropic({ baseURL: 'http://empire.test/v1', apiKey: ownerKey, fetch: gatewayFetch });

const FOUND = { company: 'Brandschutz Alpen GmbH', bant: 72 };
const searches: string[] = [];
const crmSearch = tool({
  description: 'Search CRM leads by name, company or e-mail',
  inputSchema: z.object({ query: z.string() }),
  execute: async ({ query }) => {
    searches.push(query);
    return FOUND;
  },
});

const surfaces = [
  ['Responses API', () => openai('moonshot/kimi-k2.5'), 'moonshot'],
  ['Chat Completions', () => openai.chat('ollama/qwen2.5-coder'), 'ollama'],
  ['Messages API', () => anthropic('anthropic/claude-sonnet-5-5'), 'anthropic'],
] as const;

describe('the Vercel AI SDK through the gateway', { timeout: 30_000 }, () => {
  it.each(surfaces)(
    'runs its tool loop over the %s, each model turn routed and on the ledger',
    async (_, model, provider) => {
      const marker = uniqueMarker('ai-sdk');
      const result = await generateText({
        model: model(),
        tools: { crm_search: crmSearch },
        stopWhen: stepCountIs(3),
        prompt: `${marker} find Alpen GmbH`,
      });
      expect(result.steps).toHaveLength(2);
      expect(result.steps[0]?.toolCalls.map((call) => call.toolName)).toEqual(['crm_search']);
      expect(searches.some((query) => query.includes(marker))).toBe(true);
      expect(result.text).toContain('Brandschutz Alpen GmbH');
      const upstream = await upstreamRequests(marker);
      expect(upstream.map((entry) => [entry.provider, entry.status])).toEqual([
        [provider, 200],
        [provider, 200],
      ]);
      for (const step of result.steps) {
        const requestId = step.response.headers?.['x-request-id'] ?? '';
        expect(await ledgerRowsOf(requestId)).toEqual([expect.objectContaining({ status: 'ok' })]);
      }
    },
  );

  it.each(surfaces)('streams over the %s', async (_, model) => {
    const marker = uniqueMarker('ai-sdk-stream');
    const result = streamText({
      model: model(),
      tools: { crm_search: crmSearch },
      stopWhen: stepCountIs(3),
      prompt: `${marker} find Alpen GmbH`,
    });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toContain('Brandschutz Alpen GmbH');
    expect((await result.steps).length).toBe(2);
  });

  it('answers a structured output that validates against its schema', async () => {
    const marker = uniqueMarker('ai-sdk-object');
    const { output } = await generateText({
      model: openai('ollama/qwen2.5-coder'),
      output: (await import('ai')).Output.object({ schema: z.object({ company: z.string(), bant: z.number() }) }),
      prompt: `${marker} extract the lead`,
    });
    expect(output).toMatchObject({ company: expect.any(String), bant: expect.any(Number) });
  });
});
