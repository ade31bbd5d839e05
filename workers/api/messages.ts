import { createRoute, z } from '@hono/zod-openapi';
import { AnthropicEventWriter, anthropicError, toAnthropicMessage } from '../../src/llm/anthropic-messages-format';
import { messagesBody, messagesToChatRequest } from '../../src/llm/anthropic-messages-request';
import { createRouter } from '../http/create-app';
import { idempotencyHeaders, idempotent } from '../http/idempotency';
import { anthropicErrors, requireAnthropicCaller } from './anthropic-edge';
import { relayEvents } from './event-relay';
import { gatewayHeaders, markRoute, requestContext } from './gateway-context';
import { AnthropicMessageSchema, anthropicErrorResponses } from './schemas/messages';

/** Anthropic's Messages API, so Anthropic clients go through the same router, budgets and ledger. */
export const messagesRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/v1/messages',
    middleware: [anthropicErrors(), requireAnthropicCaller('owner', 'operator'), idempotent()] as const,
    summary: 'A message through the cost-aware router, in Anthropic’s wire format (streamed or not)',
    description: 'Authenticated by `x-api-key` or a bearer token. Errors take Anthropic’s error shape.',
    request: {
      headers: gatewayHeaders.extend(idempotencyHeaders.shape),
      body: {
        content: { 'application/json': { schema: messagesBody.openapi('AnthropicMessagesRequest') } },
        required: true,
      },
    },
    responses: {
      200: {
        description: 'A Message, or with stream: true Anthropic’s SSE events',
        content: {
          'application/json': { schema: AnthropicMessageSchema },
          'text/event-stream': { schema: z.string() },
        },
      },
      ...anthropicErrorResponses,
    },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const request = messagesToChatRequest(body, requestContext(c, c.req.valid('header')));
    const router = c.var.services.llm();
    if (!body.stream) {
      const result = await router.chat(request);
      if (result.fake) c.header('x-empire-fake', '1');
      markRoute(c, result);
      return c.json(toAnthropicMessage(result), 200);
    }
    // Start the stream before answering, so a refusal or a dead upstream is still a plain error.
    const events = router.stream(request);
    const first = await events.next();
    const writer = new AnthropicEventWriter(request.requestId);
    return relayEvents(c, events, first, writer, (failure) => anthropicError(failure.status, failure.message));
  },
);
