import { z } from '@hono/zod-openapi';

/** An OpenAPI response whose JSON body is documented by its description rather than a schema. */
export const jsonResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: z.object({}).passthrough() } },
});
