import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { type ErrorCode, errorStatus } from './errors';

const errorCodes = Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]];

/** The one error body: every 4xx and 5xx of every route answers with it. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes).describe('Stable; each code maps to exactly one status'),
      message: z.string().describe('For people; may change'),
      requestId: z.string().describe('The X-Request-Id of the request, for the logs'),
      // Free-form by design: its shape depends on the code (validation issues, a refusal's figures …).
      details: z.unknown().optional().describe('Extra facts for this code, e.g. the validation issues'),
      type: z.string().optional().describe("On /v1/*: OpenAI's error type, e.g. invalid_request_error"),
      param: z.string().nullable().optional().describe('On /v1/*: the request parameter the error is about'),
    }),
  })
  .openapi('Error');

export type ErrorStatus = (typeof errorStatus)[ErrorCode];

const errorMeaning: Record<ErrorStatus, string> = {
  400: 'invalid_request or malformed_json',
  401: 'unauthorized: no or a wrong credential',
  402: 'over_budget: not sent; deferred until the budget allows',
  403: 'forbidden: the role may not do this',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict, or idempotency_in_progress',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'no_route, or idempotency_key_reused',
  429: 'rate_limited',
  500: 'internal or config_invalid',
  502: 'upstream_error',
  503: 'unavailable or memory_unavailable: a dependency is down',
};

const errorResponse = (status: ErrorStatus) => ({ $ref: `#/components/responses/Error${status}` });

/** Declares each error response once, as a named component the routes refer to. */
export function registerErrorResponses(registry: OpenAPIHono['openAPIRegistry']) {
  registry.register('Error', ErrorSchema);
  for (const [status, description] of Object.entries(errorMeaning)) {
    registry.registerComponent('responses', `Error${status}`, {
      description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    });
  }
}

/** Error responses for the given statuses, to spread into a route's `responses`. */
function errorsFor<const S extends readonly ErrorStatus[]>(...statuses: S) {
  return Object.fromEntries(statuses.map((status) => [status, errorResponse(status)])) as {
    [K in S[number]]: ReturnType<typeof errorResponse>;
  };
}

/** What any route may answer: the middleware stack (auth, validation, limits) and the handler's own refusals. */
export const errorResponses = errorsFor(400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503);

/** Routes that call an LLM may also be refused by the budget or fail upstream. */
export const llmErrorResponses = { ...errorResponses, ...errorsFor(402, 502) };

/** An OpenAPI response with a JSON body of the given schema. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** Timestamps at the edges are UTC ISO strings. */
export const isoTime = z.string().describe('UTC ISO time');
