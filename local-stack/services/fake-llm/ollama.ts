import { ollamaTags } from './catalogue.ts';
import type { LlmRequest } from './context.ts';
import { dimensionsFrom, embed } from './embeddings.ts';
import { sendJson, str } from './http.ts';

export function tags(ctx: LlmRequest): void {
  sendJson(ctx.res, 200, ollamaTags());
}

/** `POST /api/embed` in the shape of fixtures/llm/ollama_api_embed.json. */
export function embedTexts(ctx: LlmRequest): void {
  const { body, res } = ctx;
  const model = str(body, 'model');
  const input = body.input;
  const texts =
    typeof input === 'string'
      ? [input]
      : Array.isArray(input) && input.every((v): v is string => typeof v === 'string')
        ? input
        : null;
  if (!model || !texts) {
    sendJson(res, 400, {
      error: model ? 'input must be a string or an array of strings (fake)' : 'model is required (fake)',
    });
    return;
  }
  const started = process.hrtime.bigint();
  const embeddings = texts.map((t) => embed(t, dimensionsFrom(body.dimensions)));
  sendJson(res, 200, {
    model,
    embeddings,
    total_duration: Number(process.hrtime.bigint() - started),
    load_duration: 0,
    prompt_eval_count: Math.ceil(texts.reduce((sum, t) => sum + t.length, 0) / 4),
  });
}

/**
 * `POST /api/pull` (fixtures ollama/api_pull_*): the fake has every model at once, so a pull
 * answers success straight away; streamed by default, like Ollama, as NDJSON progress lines.
 */
export function pull(ctx: LlmRequest): void {
  const { body, res } = ctx;
  const model = str(body, 'model') ?? str(body, 'name');
  if (!model) {
    sendJson(res, 400, { error: 'model is required (fake)' });
    return;
  }
  if (body.stream === false) {
    sendJson(res, 200, { status: 'success' });
    return;
  }
  const lines = [{ status: 'pulling manifest' }, { status: 'writing manifest' }, { status: 'success' }];
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  res.end(lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
}
