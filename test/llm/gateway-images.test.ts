import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { worstCaseInputTokens } from '../../src/llm/estimate';
import { IMAGE_TOKEN_BOUND } from '../../src/llm/image-input';
import { app } from '../../workers/app';
import { workerFetch } from '../helpers/fetch';
import { gatewayClient, uniqueMarker, upstreamRequests } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';

// A 1x1 PNG, as Anthropic's vision guide uses.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';
const DATA_URL = `data:image/png;base64,${PNG}`;
const HTTPS_URL = 'https://images.example.com/fire-panel.jpg';

const withImages = (marker: string, ...urls: string[]): OpenAI.Chat.ChatCompletionMessageParam[] => [
  {
    role: 'user',
    content: [
      { type: 'text', text: `${marker} what does the panel show?` },
      ...urls.map((url) => ({ type: 'image_url' as const, image_url: { url } })),
    ],
  },
];

/** The same, each image asking for high detail. */
const inDetail = (marker: string, ...urls: string[]): OpenAI.Chat.ChatCompletionMessageParam[] => [
  {
    role: 'user',
    content: [
      { type: 'text', text: `${marker} what does the panel show?` },
      ...urls.map((url) => ({ type: 'image_url' as const, image_url: { url, detail: 'high' as const } })),
    ],
  },
];

interface OpenAiError {
  error: { code: string; message: string; param: string | null; details?: { model?: string } };
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  workerFetch(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('happy', () => {
  it('translates image_url parts to Anthropic base64 and url image blocks, in order', async () => {
    const marker = uniqueMarker('image-claude');
    const completion = await gatewayClient().chat.completions.create({
      model: 'anthropic/claude-sonnet-5-5',
      max_tokens: 64,
      messages: withImages(marker, DATA_URL, HTTPS_URL),
    });
    expect(completion.model).toBe('anthropic/claude-sonnet-5-5');
    const [sent] = await upstreamRequests(marker);
    const user = sent?.messages.find((message) => message.role === 'user');
    expect(user?.images).toEqual(['base64:image/png', `url:${HTTPS_URL}`]);
    // The fake bills each image as Kimi does (1,024 tokens): the usage carries it.
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(2 * 1_024);
  });

  it('passes image_url parts on to Kimi as they came', async () => {
    const marker = uniqueMarker('image-kimi');
    const completion = await gatewayClient().chat.completions.create({
      model: 'moonshot/kimi-k2.5',
      max_tokens: 64,
      messages: inDetail(marker, HTTPS_URL),
    });
    expect(completion.model).toBe('moonshot/kimi-k2.5');
    const [sent] = await upstreamRequests(marker);
    expect(sent?.messages.find((message) => message.role === 'user')?.images).toEqual([`image_url:${HTTPS_URL}`]);
    expect(sent?.excerpt).toContain('"detail":"high"');
  });

  it('routes an auto class past local models that cannot read images', async () => {
    const marker = uniqueMarker('image-auto-simple');
    const completion = await gatewayClient().chat.completions.create({
      model: 'auto:simple',
      max_tokens: 32,
      messages: withImages(marker, DATA_URL),
    });
    expect(completion.model).toBe('moonshot/kimi-k2.5');
    expect((await upstreamRequests(marker)).map((entry) => entry.provider)).toEqual(['moonshot']);
  });

  it('routes past Claude an image that asks for a detail Claude has no setting for', async () => {
    const marker = uniqueMarker('image-auto');
    const completion = await gatewayClient().chat.completions.create({
      model: 'auto:strategic',
      max_tokens: 32,
      messages: inDetail(marker, DATA_URL),
    });
    // Claude takes no detail but auto, local models read no images: Kimi answers.
    expect(completion.model).toBe('moonshot/kimi-k2.5');
    expect((await upstreamRequests(marker)).map((entry) => entry.provider)).toEqual(['moonshot']);
  });

  it('takes input_image on /v1/responses and image blocks on /v1/messages', async () => {
    const responsesMarker = uniqueMarker('image-responses');
    const response = await post('/v1/responses', {
      model: 'anthropic/claude-haiku-5-5',
      max_output_tokens: 32,
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: `${responsesMarker} describe` },
            { type: 'input_image', image_url: DATA_URL, detail: 'auto' },
          ],
        },
      ],
    });
    expect(response.status).toBe(200);
    const [viaResponses] = await upstreamRequests(responsesMarker);
    expect(viaResponses?.messages.find((message) => message.role === 'user')?.images).toEqual(['base64:image/png']);

    const messagesMarker = uniqueMarker('image-messages');
    const message = await post('/v1/messages', {
      model: 'anthropic/claude-haiku-5-5',
      max_tokens: 32,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
            { type: 'image', source: { type: 'url', url: HTTPS_URL } },
            { type: 'text', text: `${messagesMarker} compare` },
          ],
        },
      ],
    });
    expect(message.status).toBe(200);
    const [viaMessages] = await upstreamRequests(messagesMarker);
    expect(viaMessages?.messages.find((entry) => entry.role === 'user')?.images).toEqual([
      'base64:image/png',
      `url:${HTTPS_URL}`,
    ]);
  });

  it('reserves each image at the bound any vision model bills it as', () => {
    const text = { role: 'user' as const, content: 'look' };
    const shown = {
      ...text,
      parts: [
        { type: 'text' as const, text: 'look' },
        { type: 'image' as const, image: { url: DATA_URL, param: 'p0' } },
        { type: 'image' as const, image: { url: HTTPS_URL, param: 'p1' } },
      ],
    };
    expect(worstCaseInputTokens([shown]) - worstCaseInputTokens([text])).toBe(2 * IMAGE_TOKEN_BOUND);
  });
});

describe('errors', () => {
  it('answers 400 naming the image and the model when a named model cannot read images', async () => {
    const marker = uniqueMarker('image-blind');
    const response = await post('/v1/chat/completions', {
      model: 'ollama/llama3.2',
      messages: withImages(marker, DATA_URL),
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as OpenAiError;
    expect(error.param).toBe('messages[0].content[1].image_url');
    expect(error.details?.model).toBe('ollama/llama3.2');
    expect(error.message).toContain('does not read images');
    expect(await upstreamRequests(marker)).toEqual([]);
  });

  it('names the image in the terms of each wire format', async () => {
    const responses = await post('/v1/responses', {
      model: 'ollama/llama3.2',
      instructions: 'Be brief.',
      input: [
        { role: 'user', content: 'first' },
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'and this' },
            { type: 'input_image', image_url: DATA_URL },
          ],
        },
      ],
    });
    expect(responses.status).toBe(400);
    expect(((await responses.json()) as OpenAiError).error.param).toBe('input[1].content[1]');

    const messages = await post('/v1/messages', {
      model: 'ollama/llama3.2',
      max_tokens: 16,
      system: 'Be brief.',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: 'done' },
            { type: 'text', text: 'look' },
            { type: 'image', source: { type: 'url', url: HTTPS_URL } },
          ],
        },
      ],
    });
    expect(messages.status).toBe(400);
    const body = (await messages.json()) as { error: { message: string } };
    expect(body.error.message).toContain("'messages[0].content[2]'");
  });

  it('refuses a detail Claude has no setting for on a named Claude model', async () => {
    const marker = uniqueMarker('image-detail');
    const response = await post('/v1/chat/completions', {
      model: 'anthropic/claude-sonnet-5-5',
      messages: inDetail(marker, DATA_URL),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as OpenAiError).error.param).toBe('messages[0].content[1].image_url.detail');
    expect(await upstreamRequests(marker)).toEqual([]);
  });

  it.each([
    ['an http URL', 'http://images.example.com/a.png'],
    ['an SVG data URL', 'data:image/svg+xml;base64,PHN2Zy8+'],
    ['a data URL that is not base64', 'data:image/png,raw'],
    ['a file path', '/etc/passwd'],
  ])('refuses %s with a 400 naming the part', async (_case, url) => {
    const marker = uniqueMarker('image-bad');
    const response = await post('/v1/chat/completions', {
      model: 'anthropic/claude-sonnet-5-5',
      messages: withImages(marker, url),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as OpenAiError).error.param).toBe('messages[0].content[1].image_url');
    expect(await upstreamRequests(marker)).toEqual([]);
  });

  it('refuses more than 20 images in one request', async () => {
    const response = await post('/v1/chat/completions', {
      model: 'anthropic/claude-sonnet-5-5',
      messages: withImages(uniqueMarker('image-many'), ...Array.from({ length: 21 }, () => DATA_URL)),
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as OpenAiError;
    expect(error.param).toBe('messages');
    expect(error.message).toContain('at most 20');
  });

  it('refuses images in a system message and an assistant turn by name', async () => {
    const system = await post('/v1/chat/completions', {
      model: 'anthropic/claude-sonnet-5-5',
      messages: [{ role: 'system', content: [{ type: 'image_url', image_url: { url: DATA_URL } }] }],
    });
    expect(system.status).toBe(400);
    const assistant = await post('/v1/messages', {
      model: 'anthropic/claude-sonnet-5-5',
      max_tokens: 16,
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: [{ type: 'image', source: { type: 'url', url: HTTPS_URL } }] },
      ],
    });
    expect(assistant.status).toBe(400);
    expect(((await assistant.json()) as { error: { message: string } }).error.message).toContain(
      'messages[1].content[0]',
    );
  });

  it('answers 413 for an image past 5 MiB, even where the body limit would let it through', async () => {
    const big = `data:image/png;base64,${'A'.repeat(Math.ceil(((5 * 1024 * 1024 + 1) * 4) / 3) + 4)}`;
    const ctx = createExecutionContext();
    const response = await app.request(
      '/v1/chat/completions',
      {
        method: 'POST',
        headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'anthropic/claude-sonnet-5-5', messages: withImages('big', big) }),
      },
      { ...env, MAX_BODY_BYTES: String(16 * 1024 * 1024) },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(413);
    expect(((await response.json()) as OpenAiError).error.param).toBe('messages[0].content[1].image_url');
  });
});
