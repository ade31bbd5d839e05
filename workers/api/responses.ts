import { createRoute, z } from '@hono/zod-openapi';
import { toResponse } from '../../src/llm/responses-format';
import { responsesBody, responsesToChatRequest } from '../../src/llm/responses-request';
import { ResponseEventWriter } from '../../src/llm/responses-stream';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { idempotencyHeaders, idempotent } from '../http/idempotency';
import { llmErrorResponses } from '../http/responses';
import { relayEvents } from './event-relay';
import { gatewayHeaders, markRoute, requestContext } from './gateway-context';
import { openaiErrorFields } from './openai-errors';
import { ResponseObjectSchema } from './schemas/responses';

/** OpenAI's Responses API, stateless, through the same router, budgets and ledger as chat completions. */
export const responsesRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/v1/responses',
    middleware: [openaiErrorFields(), requireRole('owner', 'operator'), idempotent()] as const,
    summary: 'A model response through the cost-aware router (OpenAI Responses API, stateless; streamed or not)',
    request: {
      headers: gatewayHeaders.extend(idempotencyHeaders.shape),
      body: { content: { 'application/json': { schema: responsesBody.openapi('ResponsesRequest') } }, required: true },
    },
    responses: {
      200: {
        description: 'A Response object, or with stream: true an SSE stream of Responses events',
        content: {
          'application/json': { schema: ResponseObjectSchema },
          'text/event-stream': { schema: z.string() },
        },
      },
      ...llmErrorResponses,
    },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const request = responsesToChatRequest(body, requestContext(c, c.req.valid('header')));
    const router = c.var.services.llm();
    const createdAt = Math.floor(Date.now() / 1000);
    if (!body.stream) {
      const result = await router.chat(request);
      if (result.fake) c.header('x-empire-fake', '1');
      markRoute(c, result);
      return c.json(toResponse(result.id, result, body, createdAt), 200);
    }
    // Start the stream before answering, so a refusal or a dead upstream is still a plain error.
    const events = router.stream(request);
    const first = await events.next();
    const writer = new ResponseEventWriter(request.requestId, body, createdAt);
    return relayEvents(c, events, first, writer, (failure) => writer.error(failure.code, failure.message));
  },
);
