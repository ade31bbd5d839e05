import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { workerFetch } from '../helpers/fetch';
import { gatewayClient, uniqueMarker } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';

interface OpenAIErrorShape {
  error: { code: string; message: string; requestId: string; type: string; param: string | null };
}

const post = (path: string, body: Record<string, unknown>, key = ownerKey) =>
  workerFetch(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const ask = [{ role: 'user', content: 'hi' }];

describe('errors', () => {
  it('names a refused parameter as invalid_request_error with its param, read by the SDK', async () => {
    const error = await gatewayClient()
      .chat.completions.create({
        model: 'moonshot/kimi-k2.5',
        messages: [{ role: 'user', content: `${uniqueMarker('error-fields')} hi` }],
        n: 2,
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ type: 'invalid_request_error', param: 'n', code: 'invalid_request' });
  });

  it.each([
    ['/v1/chat/completions', { model: 'auto', messages: ask, logit_bias_typo: 1 }, 'logit_bias_typo'],
    ['/v1/chat/completions', { model: 'auto', messages: ask, temperature: 9 }, 'temperature'],
    ['/v1/responses', { model: 'auto', input: 'hi', previous_response_id: 'resp_1' }, 'previous_response_id'],
    ['/v1/responses', { model: 'auto', input: 'hi', tools: [{ type: 'file_search' }] }, 'tools[0].type'],
  ])('keeps the house body on %s and adds type and param', async (path, body, param) => {
    const response = await post(path, body);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as OpenAIErrorShape;
    expect(error).toMatchObject({ code: 'invalid_request', type: 'invalid_request_error', param });
    expect(error.requestId).not.toBe('');
  });

  it('shapes errors raised before the route runs, as each client reads them', async () => {
    const malformed = await workerFetch('/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
      body: '{"model": "auto", "messages": [',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as OpenAIErrorShape).error).toMatchObject({ type: 'invalid_request_error' });

    const oversized = await workerFetch('/v1/messages', {
      method: 'POST',
      headers: { 'x-api-key': ownerKey, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'auto',
        max_tokens: 8,
        messages: [{ role: 'user', content: 'x'.repeat(2_000_000) }],
      }),
    });
    expect(oversized.status).toBe(413);
    expect(await oversized.json()).toMatchObject({ type: 'error', error: { type: 'request_too_large' } });
  });

  it('answers a wrong key with authentication_error and no param', async () => {
    const response = await post('/v1/responses', { model: 'auto', input: 'hi' }, 'emp_not_a_real_key_000000000000');
    expect(response.status).toBe(401);
    const { error } = (await response.json()) as OpenAIErrorShape;
    expect(error).toMatchObject({ code: 'unauthorized', type: 'authentication_error', param: null });
  });
});
