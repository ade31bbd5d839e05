import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { checkedFetch } from '../helpers/fetch';
import { uniqueMarker } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';

const chat = (run: string, body: Record<string, unknown>) =>
  checkedFetch(
    new Request('http://empire.test/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json', 'x-empire-run': run },
      body: JSON.stringify({ model: 'auto:research', max_tokens: 200, ...body }),
    }),
  );

/** What the budget ledger object holds for the run: spend moves only with a stored row. */
async function storedForRun(run: string): Promise<{ spentMicros: number; calls: number }> {
  const snapshot = await env.BUDGET.getByName('global').snapshot();
  const day = snapshot.usage.find((row) => row.scope.kind === 'run' && row.scope.id === run && row.window === 'day');
  return { spentMicros: day?.spentMicros ?? 0, calls: day?.calls ?? 0 };
}

describe('happy', () => {
  it('stores a call row before its answer is sent', async () => {
    const run = uniqueMarker('stored-first');
    const response = await chat(run, { messages: [{ role: 'user', content: `${run} plain` }] });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { usage: { cost_micros?: number } };
    expect(body.usage).toBeDefined();
    const stored = await storedForRun(run);
    expect(stored.calls).toBe(1);
    expect(stored.spentMicros).toBeGreaterThan(0);
  });

  it('stores a streamed call row before the stream says [DONE]', async () => {
    const run = uniqueMarker('stored-stream');
    const response = await chat(run, { stream: true, messages: [{ role: 'user', content: `${run} streamed` }] });
    expect(response.status).toBe(200);
    const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
    if (!reader) throw new Error('no stream');
    let text = '';
    let storedAtDone: { spentMicros: number; calls: number } | undefined;
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      text += next.value;
      if (text.includes('[DONE]')) {
        storedAtDone = await storedForRun(run);
        break;
      }
    }
    await reader.cancel();
    expect(storedAtDone?.calls).toBe(1);
    expect(storedAtDone?.spentMicros).toBeGreaterThan(0);
  });

  it('answers every call of a concurrent burst with its row stored', async () => {
    const run = uniqueMarker('stored-burst');
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => chat(run, { messages: [{ role: 'user', content: `${run} ${i}` }] })),
    );
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 200));
    await Promise.all(responses.map((response) => response.arrayBuffer()));
    expect((await storedForRun(run)).calls).toBe(40);
  });
});
