import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runToolLoop, type ToolLimits } from '../../src/agents/tool-loop';
import { type AgentTool, defineTool, jsonOutput } from '../../src/agents/tools/tool';
import { braveSearch, webSearchTool } from '../../src/agents/tools/web-search';
import { webTools } from '../../src/agents/tools/web-tools';
import type { AuditInput } from '../../src/audit/entry';
import { parseConfig } from '../../src/config/config';
import { refuseOverBudget } from '../../src/llm/over-budget-policy';
import type { ChatRequest } from '../../src/llm/types';
import { createLogger } from '../../src/observability/logger';
import { buildServices } from '../../workers/services';
import { ledgerRowsOf } from '../helpers/ledger-rows';
import { addPage, call, htmlPage, scriptConversation, webRequests } from '../helpers/web';

const config = parseConfig(env as unknown as Record<string, unknown>);
const limits: ToolLimits = { maxCallsPerTurn: 8, maxTotalBytes: 100_000, maxSeconds: 60 };

function harness(overrides: Partial<ToolLimits> = {}, clock?: { now: () => number; tools: AgentTool<unknown>[] }) {
  const services = buildServices(env, config, { log: createLogger({}, () => {}), background: () => {} });
  const audited: AuditInput[] = [];
  const spends: number[] = [];
  const tools = webTools(config.tools);
  return {
    audited,
    spends,
    run: (request: ChatRequest) =>
      runToolLoop(request, {
        router: services.llm(refuseOverBudget),
        tools: clock?.tools ?? [tools.web_search, tools.web_fetch],
        limits: { ...limits, ...overrides },
        audit: { record: (entry) => audited.push(entry) },
        actor: { kind: 'agent', id: 'numbers' },
        onSpend: (micros) => spends.push(micros),
        ...(clock ? { now: clock.now } : {}),
      }),
  };
}

const tag = (name: string) => `probe-${name}-${crypto.randomUUID().slice(0, 8)}`;
const request = (marker: string): ChatRequest => ({
  messages: [{ role: 'user', content: `Research ${marker}: who runs facility automation at Alpenhof?` }],
  maxTokens: 400,
  taskClass: 'research',
  scopes: { agent: 'numbers' },
  requestId: `tool-loop:${marker}`,
});

describe('happy', () => {
  it('searches, reads the page it found and answers from it: one ledger row per model turn, one audit entry per tool run', async () => {
    const marker = tag('loop');
    const page = await addPage({
      path: `/loop/${marker}`,
      body: htmlPage('Alpenhof Hotels news', `Dana Kovacs (${marker}) leads facility automation.`),
      search: { title: 'Alpenhof Hotels news', description: 'Three new sites' },
    });
    await scriptConversation(marker, [
      call('web_search', { query: 'Alpenhof facility automation' }),
      call('web_fetch', { url: page }),
      { text: `Dana Kovacs leads it, per ${page}` },
    ]);
    const { run, audited, spends } = harness();
    const outcome = await run(request(marker));

    expect(outcome.result.text).toBe(`Dana Kovacs leads it, per ${page}`);
    // Each turn's cost is reported as it is paid.
    expect(spends).toHaveLength(3);
    expect(spends.reduce((sum, micros) => sum + micros, 0)).toBe(outcome.costMicros);
    expect(outcome).toMatchObject({
      modelTurns: 3,
      toolCalls: 2,
      sources: [{ url: page, title: 'Alpenhof Hotels news' }],
    });
    expect(outcome.limit).toBeUndefined();
    expect(outcome.costMicros).toBeGreaterThan(0);
    expect(outcome.bytes).toBeGreaterThan(0);
    // The search went to the Brave stand-in with the key; the page was read from the fake web.
    const paths = (await webRequests()).map((entry) => entry.path);
    expect(paths).toContain(`/loop/${marker}`);
    expect(paths).toContain('/res/v1/web/search');

    const rows = await ledgerRowsOf(`tool-loop:${marker}`, 3);
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.status === 'ok')).toBe(true);

    expect(audited.map((entry) => [entry.action, entry.target?.id, entry.outcome])).toEqual([
      ['agent.tool', 'web_search', 'ok'],
      ['agent.tool', 'web_fetch', 'ok'],
    ]);
    expect(audited[1]?.details).toMatchObject({ tool: 'web_fetch', args: expect.stringContaining(page) });
    expect(audited[1]?.details?.bytes).toBeGreaterThan(0);
    expect(audited[1]?.details?.durationMs).toBeTypeOf('number');
  });
});

describe('web search', () => {
  it('reads Brave results with the highlight tags removed', async () => {
    const marker = tag('brave');
    await addPage({
      path: `/search/${marker}`,
      body: htmlPage('x', 'y'),
      search: { title: 'Alpenhof <strong>Hotels</strong>', description: 'three <strong>new</strong> sites' },
    });
    const search = braveSearch({ url: env.WEB_SEARCH_URL, apiKey: 'test-brave-subscription-token', timeoutMs: 5_000 });
    const hits = await search.search(`hotels ${marker}`, 20, new AbortController().signal);
    expect(hits).toEqual(
      expect.arrayContaining([
        { title: 'Alpenhof Hotels', url: expect.stringContaining(`/search/${marker}`), snippet: 'three new sites' },
      ]),
    );
  });

  it('fails on a rejected key, and says so when no key is configured', async () => {
    const wrongKey = braveSearch({ url: env.WEB_SEARCH_URL, apiKey: 'wrong', timeoutMs: 5_000 });
    await expect(wrongKey.search('hotels', 5, new AbortController().signal)).rejects.toThrow(
      'the search API answered 401',
    );
    const unconfigured = webSearchTool(undefined);
    await expect(
      unconfigured.run({ query: 'hotels' }, { signal: new AbortController().signal, requestId: 'r' }),
    ).rejects.toThrow(/web search is not configured here/);
  });
});

describe('errors', () => {
  it('answers bad arguments, unknown tools and refused fetches to the model and goes on', async () => {
    const marker = tag('bad');
    await scriptConversation(marker, [
      call('web_fetch', { url: 42 }),
      call('shell', { command: 'ls' }),
      call('web_fetch', { url: 'http://169.254.169.254/latest/meta-data/' }),
      { text: 'nothing found' },
    ]);
    const { run, audited } = harness();
    const outcome = await run(request(marker));
    expect(outcome.result.text).toBe('nothing found');
    expect(outcome.sources).toEqual([]);
    expect(audited.map((entry) => entry.outcome)).toEqual(['refused', 'refused', 'refused']);
    expect(audited.map((entry) => entry.details?.error)).toEqual([
      expect.stringMatching(/invalid arguments: url/),
      'there is no tool named shell',
      expect.stringMatching(/169\.254\.169\.254 is a private or reserved address/),
    ]);
  });
});

describe('limits', () => {
  it('runs at most the calls allowed per turn, answers the rest with the limit and takes the final answer', async () => {
    const marker = tag('calls');
    await scriptConversation(marker, [
      call('web_search', { query: 'one' }),
      call('web_search', { query: 'two' }),
      call('web_search', { query: 'three' }),
      { text: 'answer from two searches' },
    ]);
    const { run, audited } = harness({ maxCallsPerTurn: 2 });
    const outcome = await run(request(marker));
    expect(outcome).toMatchObject({ toolCalls: 2, modelTurns: 4, limit: 'calls' });
    expect(outcome.result.text).toBe('answer from two searches');
    expect(audited.map((entry) => entry.outcome)).toEqual(['ok', 'ok', 'refused']);
    expect(audited[2]?.details?.error).toMatch(/at most 2 tool calls in a turn/);
    expect(await ledgerRowsOf(`tool-loop:${marker}`, 4)).toHaveLength(4);
  });

  it('ends the loop when the model asks for tools again after a limit', async () => {
    const marker = tag('stubborn');
    await scriptConversation(marker, [call('web_search', { query: 'again' })]);
    const { run } = harness({ maxCallsPerTurn: 1 });
    const outcome = await run(request(marker));
    // Turn 1 runs its call, turn 2 is refused by the limit, turn 3 is the last the loop allows.
    expect(outcome).toMatchObject({ toolCalls: 1, modelTurns: 3, limit: 'calls' });
    expect(outcome.result.finishReason).toBe('tool_calls');
  });

  it('stops running tools once the time is up, and takes the answer the model then gives', async () => {
    const marker = tag('time');
    await scriptConversation(marker, [
      call('web_search', { query: 'one' }),
      call('web_search', { query: 'two' }),
      { text: 'answer in time' },
    ]);
    // A search that takes 61 s of a 60 s allowance, on a clock the test moves.
    let clock = 0;
    const slowSearch = defineTool<{ query: string }>({
      name: 'web_search',
      description: 'search',
      args: z.object({ query: z.string() }),
      run: async () => {
        clock += 61_000;
        return jsonOutput({ results: [] });
      },
    });
    const { run, audited } = harness({ maxSeconds: 60 }, { now: () => clock, tools: [slowSearch] });
    const outcome = await run(request(marker));
    expect(outcome).toMatchObject({ limit: 'time', toolCalls: 1 });
    expect(outcome.result.text).toBe('answer in time');
    expect(audited.map((entry) => entry.outcome)).toEqual(['ok', 'refused']);
    expect(audited[1]?.details?.error).toMatch(/time for tools in this turn is up/);
  });

  it('cuts tool output at the byte limit', async () => {
    const marker = tag('bytes');
    const page = await addPage({ path: `/loop/${marker}`, body: htmlPage('Long', 'word '.repeat(2_000)) });
    await scriptConversation(marker, [call('web_fetch', { url: page }), { text: 'done' }]);
    const { run } = harness({ maxTotalBytes: 1_000 });
    const outcome = await run(request(marker));
    expect(outcome).toMatchObject({ limit: 'bytes', toolCalls: 1 });
    expect(outcome.bytes).toBeLessThanOrEqual(1_000 + 64);
  });
});
