import type { z } from '@hono/zod-openapi';
import { app } from '../../workers/app';
import { ErrorSchema } from '../../workers/http/responses';

interface DeclaredResponse {
  $ref?: string;
  content?: Record<string, { schema?: unknown }>;
}

interface Route {
  method: string;
  pattern: RegExp;
  params: number;
  responses: Record<string, DeclaredResponse>;
}

const isZod = (value: unknown): value is z.ZodType =>
  typeof value === 'object' && value !== null && 'safeParse' in value;

const routes: Route[] = app.openAPIRegistry.definitions
  .flatMap((definition) => (definition.type === 'route' ? [definition.route] : []))
  .map((route) => ({
    method: route.method.toUpperCase(),
    pattern: new RegExp(`^${route.path.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`),
    params: (route.path.match(/\{/g) ?? []).length,
    responses: route.responses as Record<string, DeclaredResponse>,
  }))
  // A literal segment wins over a parameter: /api/crm/leads/search is not /api/crm/leads/{id}.
  .sort((a, b) => a.params - b.params);

/** Sorted keys, so two bodies compare by content rather than key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

function bodyProblem(schema: z.ZodType, body: unknown): string | undefined {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
  }
  // zod drops keys it does not know; a field the schema does not declare is drift too.
  if (canonical(parsed.data) !== canonical(body)) return 'the body has fields the schema does not declare';
  return undefined;
}

/**
 * Why a response breaks the contract its route declares in /openapi.json, or undefined when it
 * keeps it: the status must be declared, and a JSON body must match the declared schema exactly.
 */
export async function contractProblem(method: string, path: string, response: Response) {
  const route = routes.find((candidate) => candidate.method === method && candidate.pattern.test(path));
  const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
  const label = `${method} ${path} answered ${response.status}`;
  if (!route) {
    // Not an OpenAPI route (/metrics, /openapi.json, assets); its errors still take the one shape.
    if (response.status < 400 || !isJson) return undefined;
    const problem = bodyProblem(ErrorSchema, await response.json());
    return problem && `${label}: ${problem}`;
  }
  const declared = route.responses[String(response.status)];
  if (!declared) return `${label}, a status its route does not declare`;
  if (!isJson) return undefined;
  const schema = declared.$ref ? ErrorSchema : declared.content?.['application/json']?.schema;
  if (!isZod(schema)) return `${label} with JSON, but the route declares no JSON body for it`;
  const problem = bodyProblem(schema, await response.json());
  return problem && `${label}: ${problem}`;
}
