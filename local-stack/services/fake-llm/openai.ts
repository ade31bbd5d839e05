import { openAiModelList } from './catalogue.ts';
import type { LlmRequest } from './context.ts';
import { dimensionsFrom, embed, toBase64Floats } from './embeddings.ts';
import { errorBody } from './faults.ts';
import type { Json } from './http.ts';
import { sendJson, str } from './http.ts';

export { chatCompletions } from './openai-chat.ts';

/** Inputs as texts: a string, strings, or token arrays (rendered as their numbers). */
function inputTexts(input: Json | undefined): string[] | undefined {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input) || input.length === 0) return undefined;
  if (input.every((v) => typeof v === 'number')) return [input.join(' ')];
  const texts = input.map((v) => (typeof v === 'string' ? v : Array.isArray(v) ? v.join(' ') : null));
  return texts.every((t): t is string => t !== null) ? texts : undefined;
}

export function embeddings(ctx: LlmRequest): void {
  const { body, res } = ctx;
  const model = str(body, 'model');
  const texts = inputTexts(body.input);
  if (!model || !texts) {
    const message = model ? "'input' must be a string or an array (fake)" : 'you must provide a model parameter (fake)';
    sendJson(res, 400, errorBody('openai', 400, message));
    return;
  }
  const dims = dimensionsFrom(body.dimensions);
  const base64 = body.encoding_format === 'base64';
  const tokens = Math.ceil(texts.reduce((sum, t) => sum + t.length, 0) / 4);
  sendJson(res, 200, {
    object: 'list',
    data: texts.map((t, index) => {
      const vector = embed(t, dims);
      return { object: 'embedding', index, embedding: base64 ? toBase64Floats(vector) : vector };
    }),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

export function models(ctx: LlmRequest): void {
  sendJson(ctx.res, 200, openAiModelList());
}
