import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { idempotencyKey } from '../../src/idempotency/key';
import { errorMessage } from '../../src/lib/error-message';
import { loadCatalogue } from '../../src/llm/catalogue-store';
import { chatStreamRecorder } from '../../src/llm/chat-stream-record';
import {
  finishReasonOf,
  toChatCompletion,
  toChatRequest,
  toChunk,
  toModelList,
  toToolCallChunk,
  toUsageChunk,
} from '../../src/llm/openai-format';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { openaiErrorBody } from '../http/error-dialects';
import { toAppError } from '../http/error-handler';
import { idempotent } from '../http/idempotency';
import { errorResponses, jsonResponse, llmErrorResponses } from '../http/responses';
import { gatewayHeaders, markRoute, requestContext } from './gateway-context';
import { openaiErrorFields } from './openai-errors';
import { ChatCompletionRequestSchema, ChatCompletionSchema, ModelListSchema } from './schemas/gateway';

const headers = gatewayHeaders.extend({ 'idempotency-key': idempotencyKey.optional() });

/** An OpenAI-compatible endpoint, so any OpenAI client goes through the router and its budgets. */
export const gatewayRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/chat/completions',
      // A streamed answer is kept as its text merged into one chunk and replayed as SSE.
      middleware: [
        openaiErrorFields(),
        requireRole('owner', 'operator'),
        idempotent({ recordStream: chatStreamRecorder }),
      ] as const,
      summary: 'Chat completion through the cost-aware router (streamed or not)',
      request: {
        headers,
        body: { content: { 'application/json': { schema: ChatCompletionRequestSchema } }, required: true },
      },
      responses: {
        200: {
          description: 'A chat.completion, or with stream: true an SSE stream of chat.completion.chunk',
          content: {
            'application/json': { schema: ChatCompletionSchema },
            'text/event-stream': { schema: z.string() },
          },
        },
        ...llmErrorResponses,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const header = c.req.valid('header');
      const request = toChatRequest(body, requestContext(c, header));
      const router = c.var.services.llm();
      if (!body.stream) {
        const result = await router.chat(request);
        if (result.fake) c.header('x-empire-fake', '1');
        markRoute(c, result);
        return c.json(toChatCompletion(result), 200);
      }
      // Start the stream before answering, so a refusal or a dead upstream is still a plain error.
      const events = router.stream(request);
      const first = await events.next();
      markRoute(c, first.value);
      return streamSSE(c, async (sse) => {
        // A client that disconnects aborts the request; writes waiting on it then give up at once.
        c.req.raw.signal.addEventListener('abort', () => sse.abort());
        let model = '';
        try {
          for (let next = first; !next.done && !sse.aborted; next = await events.next()) {
            const event = next.value;
            if (event.type === 'start') {
              model = event.model;
              await sse.writeSSE({
                data: JSON.stringify(toChunk(request.requestId, model, { role: 'assistant', content: '' })),
              });
            } else if (event.type === 'text') {
              await sse.writeSSE({ data: JSON.stringify(toChunk(request.requestId, model, { content: event.text })) });
            } else if (event.type === 'tool_call') {
              await sse.writeSSE({ data: JSON.stringify(toToolCallChunk(request.requestId, model, event)) });
            } else {
              const reason = finishReasonOf(event.result);
              await sse.writeSSE({ data: JSON.stringify(toChunk(request.requestId, model, {}, reason)) });
              if (body.stream_options?.include_usage)
                await sse.writeSSE({ data: JSON.stringify(toUsageChunk(event.result)) });
            }
          }
          if (!sse.aborted) await sse.writeSSE({ data: '[DONE]' });
        } catch (error) {
          c.var.log.warn('stream failed', { error: errorMessage(error) });
          await sse.writeSSE({
            event: 'error',
            data: JSON.stringify(openaiErrorBody(toAppError(error), request.requestId)),
          });
        } finally {
          // A client that went away leaves the router's stream suspended: ending it settles the call.
          await events.return(undefined);
        }
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/models',
      middleware: [openaiErrorFields(), requireRole('owner', 'operator', 'readonly')] as const,
      summary: 'The model catalogue with prices, plus the auto routes',
      responses: { 200: jsonResponse(ModelListSchema, 'An OpenAI model list'), ...errorResponses },
    }),
    async (c) => c.json(toModelList(await loadCatalogue(() => c.var.services.postgres()?.db)), 200),
  );
