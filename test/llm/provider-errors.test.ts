import { describe, expect, it } from 'vitest';
import { statusError } from '../../src/llm/providers/errors';

// The bodies as the APIs send them (shared fixtures llm/openai_error_429*.json, anthropic_error_*.json).
const openAiError = (message: string, type: string, code: string | null) =>
  JSON.stringify({ error: { message, type, param: null, code } });
const anthropicError = (type: string, message: string, details?: object) =>
  JSON.stringify({ type: 'error', error: { type, message, ...(details ? { details } : {}) }, request_id: 'req_1' });

const openAi = (status: number, body: string, headers: Record<string, string> = {}) =>
  statusError('moonshot', 'openai', status, new Headers(headers), body);
const anthropic = (status: number, body: string, headers: Record<string, string> = {}) =>
  statusError('anthropic', 'anthropic', status, new Headers(headers), body);

describe('happy', () => {
  it('names the status and the error message OpenAI sent', () => {
    const error = openAi(429, openAiError('Rate limit reached.', 'requests', 'rate_limit_exceeded'));
    expect(error).toMatchObject({
      provider: 'moonshot',
      kind: 'retryable',
      status: 429,
      message: '429 Rate limit reached.',
    });
  });

  it("keeps Anthropic's whole error body in the message", () => {
    const body = anthropicError('overloaded_error', 'Overloaded');
    expect(anthropic(529, body)).toMatchObject({ kind: 'retryable', status: 529, message: `529 ${body}` });
  });

  it.each([
    ['retry-after seconds', { 'retry-after': '14' }, 14_000],
    ['retry-after-ms ahead of retry-after', { 'retry-after-ms': '250', 'retry-after': '14' }, 250],
    ['an HTTP date in the past', { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }, 0],
    ['nothing usable', { 'retry-after': 'soon' }, undefined],
    ['no header', {}, undefined],
  ])('reads the wait from %s', (_, headers, wait) => {
    expect(openAi(429, openAiError('Slow down.', 'requests', null), headers).retryAfterMs).toBe(wait);
  });
});

describe('errors', () => {
  it.each([
    [408, 'retryable'],
    [409, 'retryable'],
    [500, 'retryable'],
    [503, 'retryable'],
    [401, 'rejected'],
    [403, 'rejected'],
    [404, 'rejected'],
    [400, 'invalid'],
    [422, 'invalid'],
  ])('takes status %i as %s', (status, kind) => {
    expect(openAi(status, openAiError('Something.', 'x', null)).kind).toBe(kind);
    expect(anthropic(status, anthropicError('x', 'Something.')).kind).toBe(kind);
  });

  it('takes a spent quota as rejected, not worth a retry', () => {
    expect(openAi(429, openAiError('You exceeded your quota.', 'insufficient_quota', 'insufficient_quota')).kind).toBe(
      'rejected',
    );
    const capped = anthropicError('rate_limit_error', 'Spend limit reached.', {
      error_code: 'enforced_spend_limit_reached',
    });
    expect(anthropic(429, capped).kind).toBe('rejected');
  });

  it('takes a prompt too long for the model as context_length', () => {
    const tooLong = openAi(400, openAiError("This model's maximum context length is 8192 tokens.", 'invalid', null));
    expect(tooLong.kind).toBe('context_length');
    expect(anthropic(400, anthropicError('invalid_request_error', 'prompt is too long: 210000 tokens')).kind).toBe(
      'context_length',
    );
  });

  it('quotes a body that is not JSON, such as a proxy page', () => {
    const page = '<!DOCTYPE html><html><body>Forbidden.</body></html>';
    expect(openAi(403, page)).toMatchObject({ kind: 'rejected', message: `403 ${page}` });
  });

  it('says when there was no body', () => {
    expect(openAi(502, '')).toMatchObject({ kind: 'retryable', message: '502 status code (no body)' });
    expect(openAi(500, '{}')).toMatchObject({ message: '500 status code (no body)' });
  });

  it("quotes Ollama's string error as JSON", () => {
    const error = openAi(404, JSON.stringify({ error: 'model "llama9:70b" not found, try pulling it first' }));
    expect(error.message).toBe('404 "model \\"llama9:70b\\" not found, try pulling it first"');
  });
});
