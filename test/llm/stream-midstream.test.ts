import { describe, expect, it } from 'vitest';
import { workerFetch } from '../helpers/fetch';
import { addFault, gatewayClient, uniqueMarker } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';
import { ledgerRowsOf } from '../helpers/ledger-rows';

// An upstream that fails after its stream has started: the caller has had text, so there is no
// fallback; each surface ends its stream with its own error event, and the call is billed at its
// worst case (the provider may bill the partial answer) on one `error` ledger row.

const models = [
  ['anthropic/claude-sonnet-5-5', 'anthropic'],
  ['moonshot/kimi-k2.5', 'moonshot'],
] as const;

const post = (path: string, body: unknown) =>
  workerFetch(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** The one ledger row of a call that failed mid-way: an error, billed at more than nothing. */
async function expectBilledError(requestId: string | null) {
  const rows = await ledgerRowsOf(requestId ?? '');
  expect(rows).toHaveLength(1);
  expect(rows[0]?.status).toBe('error');
  expect(rows[0]?.cost_micros).toBeGreaterThan(0);
}

describe('a stream that fails after it started', { timeout: 30_000 }, () => {
  it.each(models)(
    'ends a chat completion stream from %s with an error the openai SDK throws',
    async (model, provider) => {
      const marker = uniqueMarker('midstream-chat');
      await addFault({ contains: marker, status: 200, midstream: true, provider });
      const stream = await gatewayClient()
        .chat.completions.create({ model, stream: true, max_tokens: 64, messages: [{ role: 'user', content: marker }] })
        .withResponse();
      let text = '';
      const failure = await (async () => {
        for await (const chunk of stream.data) text += chunk.choices[0]?.delta.content ?? '';
      })().catch((error: unknown) => error);
      expect(text.length).toBeGreaterThan(0);
      expect(failure).toBeInstanceOf(Error);
      await expectBilledError(stream.response.headers.get('x-request-id'));
    },
  );

  it.each(models)('ends a Responses stream from %s with an error event after its text', async (model, provider) => {
    const marker = uniqueMarker('midstream-responses');
    await addFault({ contains: marker, status: 200, midstream: true, provider });
    const response = await post('/v1/responses', { model, input: marker, stream: true, max_output_tokens: 64 });
    expect(response.status).toBe(200);
    const events = (await response.text()).split('\n').filter((line) => line.startsWith('event: '));
    expect(events).toContain('event: response.output_text.delta');
    expect(events.at(-1)).toBe('event: error');
    expect(events).not.toContain('event: response.completed');
    await expectBilledError(response.headers.get('x-request-id'));
  });

  it.each(models)("ends a Messages stream from %s with Anthropic's error event", async (model, provider) => {
    const marker = uniqueMarker('midstream-messages');
    await addFault({ contains: marker, status: 200, midstream: true, provider });
    const response = await post('/v1/messages', {
      model,
      max_tokens: 64,
      stream: true,
      messages: [{ role: 'user', content: marker }],
    });
    expect(response.status).toBe(200);
    const body = await response.text();
    const events = body.split('\n').filter((line) => line.startsWith('event: '));
    expect(events).toContain('event: content_block_delta');
    expect(events.at(-1)).toBe('event: error');
    expect(events).not.toContain('event: message_stop');
    const last = body.trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(last.replace(/^data: /, ''))).toMatchObject({
      type: 'error',
      error: { type: expect.any(String) },
    });
    await expectBilledError(response.headers.get('x-request-id'));
  });
});
