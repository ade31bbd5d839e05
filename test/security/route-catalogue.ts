import { app } from '../../workers/app';
import { workerFetch } from '../helpers/fetch';

// Every route of the Worker, for the hardening sweep: the OpenAPI document gives each documented
// route its parameters and body schema; the router's own table adds the undocumented ones
// (/metrics, /docs, /openapi.json), so a new route is swept without anyone listing it.

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  minLength?: number;
  minItems?: number;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
};

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: JsonSchema;
}

export interface RouteSpec {
  method: string;
  /** OpenAPI style: `/api/crm/leads/{id}`. */
  path: string;
  parameters: Parameter[];
  /** The first documented body content type and its schema, resolved. */
  body?: { contentType: string; schema: JsonSchema };
  documented: boolean;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
      }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

function resolver(doc: OpenApiDocument) {
  const resolve = (schema: JsonSchema, depth = 0): JsonSchema => {
    if (depth > 20) return {};
    if (schema.$ref) {
      const name = schema.$ref.split('/').at(-1) ?? '';
      return resolve(doc.components?.schemas?.[name] ?? {}, depth + 1);
    }
    const out: JsonSchema = { ...schema };
    if (schema.properties)
      out.properties = Object.fromEntries(
        Object.entries(schema.properties).map(([key, inner]) => [key, resolve(inner, depth + 1)]),
      );
    if (schema.items) out.items = resolve(schema.items, depth + 1);
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      const list = schema[key];
      if (list) out[key] = list.map((inner) => resolve(inner, depth + 1));
    }
    return out;
  };
  return resolve;
}

const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

export async function routeCatalogue(): Promise<RouteSpec[]> {
  const doc = (await (await workerFetch('/openapi.json')).json()) as OpenApiDocument;
  const resolve = resolver(doc);
  const routes: RouteSpec[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const content = Object.entries(operation.requestBody?.content ?? {})[0];
      routes.push({
        method: method.toUpperCase(),
        path,
        parameters: (operation.parameters ?? []).map((p) => ({ ...p, schema: resolve(p.schema) })),
        body: content ? { contentType: content[0], schema: resolve(content[1].schema) } : undefined,
        documented: true,
      });
    }
  }
  const known = new Set(routes.map((route) => `${route.method} ${honoPath(route.path)}`));
  for (const route of app.routes) {
    if (route.method === 'ALL' || known.has(`${route.method} ${route.path}`)) continue;
    known.add(`${route.method} ${route.path}`);
    const parameters = [...route.path.matchAll(/:(\w+)/g)].map(
      (match): Parameter => ({ name: match[1] ?? '', in: 'path', required: true, schema: { type: 'string' } }),
    );
    routes.push({ method: route.method, path: route.path.replace(/:(\w+)/g, '{$1}'), parameters, documented: false });
  }
  return routes;
}

const typeOf = (schema: JsonSchema) =>
  (Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type) ??
  (schema.properties ? 'object' : undefined);

/** A value that satisfies a schema as far as plain JSON Schema tells (patterns are not solved). */
export function exampleOf(schema: JsonSchema): unknown {
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.[0]) return exampleOf(options[0]);
  switch (typeOf(schema)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = exampleOf(schema.properties?.[key] ?? {});
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => exampleOf(schema.items ?? {}));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'string':
      if (schema.format === 'uuid') return crypto.randomUUID();
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'email') return `sweep-${crypto.randomUUID().slice(0, 8)}@example.com`;
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    default:
      return 'x';
  }
}

/** Dot paths of every string field a body schema declares, nested objects and array items included. */
export function stringFields(schema: JsonSchema, prefix: string[] = [], depth = 0): string[][] {
  if (depth > 6) return [];
  const options = [schema, ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  const found: string[][] = [];
  for (const option of options) {
    const type = typeOf(option);
    if (type === 'string' && prefix.length > 0) found.push(prefix);
    if (type === 'object')
      for (const [key, inner] of Object.entries(option.properties ?? {}))
        found.push(...stringFields(inner, [...prefix, key], depth + 1));
    if (type === 'array' && option.items) found.push(...stringFields(option.items, [...prefix, '0'], depth + 1));
  }
  const seen = new Set<string>();
  return found.filter((path) => !seen.has(path.join('.')) && seen.add(path.join('.')));
}

/** A copy of `body` with `value` at `path`, creating objects and one-item arrays on the way. */
export function withValue(body: unknown, path: string[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (head === '0') {
    const list = Array.isArray(body) && body.length ? [...body] : [{}];
    list[0] = withValue(list[0], rest, value);
    return list;
  }
  const object = body && typeof body === 'object' && !Array.isArray(body) ? { ...body } : {};
  (object as Record<string, unknown>)[head] = withValue((object as Record<string, unknown>)[head], rest, value);
  return object;
}
