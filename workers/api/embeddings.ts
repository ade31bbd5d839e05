import { createRoute } from '@hono/zod-openapi';
import { keepsAnswerUndeferred } from '../../src/idempotency/answer';
import { idempotencyKey } from '../../src/idempotency/key';
import { toEmbeddingList } from '../../src/llm/embeddings-format';
import { toEmbeddingsRequest } from '../../src/llm/embeddings-request';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { idempotent } from '../http/idempotency';
import { jsonResponse, llmErrorResponses } from '../http/responses';
import { gatewayHeaders, requestContext } from './gateway-context';
import { openaiErrorFields } from './openai-errors';
import { EmbeddingListSchema, EmbeddingsRequestSchema } from './schemas/embeddings';

const headers = gatewayHeaders
  .omit({ 'x-empire-task-class': true, 'x-empire-cache': true })
  .extend({ 'idempotency-key': idempotencyKey.optional() });

/** OpenAI's embeddings endpoint, through the router's budgets, cache and ledger. */
export const embeddingsRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/v1/embeddings',
    middleware: [
      openaiErrorFields(),
      requireRole('owner', 'operator'),
      idempotent({ keeps: keepsAnswerUndeferred }),
    ] as const,
    summary: 'Embeddings through the cost-aware router (OpenAI Embeddings API)',
    request: {
      headers,
      body: { content: { 'application/json': { schema: EmbeddingsRequestSchema } }, required: true },
    },
    responses: { 200: jsonResponse(EmbeddingListSchema, 'An OpenAI embeddings list'), ...llmErrorResponses },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const result = await c.var.services
      .llm()
      .embed(toEmbeddingsRequest(body, requestContext(c, c.req.valid('header'))));
    if (result.fake) c.header('x-empire-fake', '1');
    return c.json(toEmbeddingList(result, body.encoding_format), 200);
  },
);
