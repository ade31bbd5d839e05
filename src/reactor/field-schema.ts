import { z } from 'zod';

/**
 * The small schema language of task files, for inputs and outputs:
 * `{ type: string|number|integer|boolean|list|object, required?, default?, description?, items?, fields? }`.
 */
export interface FieldSpec {
  type: 'string' | 'number' | 'integer' | 'boolean' | 'list' | 'object';
  required?: boolean;
  default?: unknown;
  description?: string;
  items?: FieldSpec;
  fields?: Record<string, FieldSpec>;
  maxLength?: number;
  min?: number;
  max?: number;
}

const fieldName = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'field names are lower_snake_case');

export const fieldSpecSchema: z.ZodType<FieldSpec> = z.lazy(() =>
  z
    .object({
      type: z.enum(['string', 'number', 'integer', 'boolean', 'list', 'object']),
      required: z.boolean().optional(),
      default: z.unknown().optional(),
      description: z.string().max(500).optional(),
      items: fieldSpecSchema.optional(),
      fields: z.record(fieldName, fieldSpecSchema).optional(),
      maxLength: z.number().int().positive().optional(),
      min: z.number().optional(),
      max: z.number().optional(),
    })
    .strict()
    .superRefine((spec, ctx) => {
      if (spec.type === 'list' && !spec.items)
        ctx.addIssue({ code: 'custom', path: ['items'], message: 'a list needs items' });
      if (spec.type === 'object' && !spec.fields)
        ctx.addIssue({ code: 'custom', path: ['fields'], message: 'an object needs fields' });
    }),
);

export const fieldMapSchema = z.record(fieldName, fieldSpecSchema);

/**
 * Schemas already built, by the spec object they were built from: every job of a queue batch
 * shares its run's task, and building the schema cost more than checking an answer with it.
 */
const builtSchemas = new WeakMap<FieldSpec, z.ZodType>();

/** Turns a field spec into the zod schema that validates values of it. */
export function toZod(spec: FieldSpec): z.ZodType {
  let schema = builtSchemas.get(spec);
  if (!schema) {
    schema = buildSchema(spec);
    builtSchemas.set(spec, schema);
  }
  return schema;
}

function buildSchema(spec: FieldSpec): z.ZodType {
  let schema: z.ZodType;
  switch (spec.type) {
    case 'string': {
      const base = z.string();
      schema = spec.maxLength ? base.max(spec.maxLength) : base.max(20_000);
      break;
    }
    case 'number':
    case 'integer': {
      let base = spec.type === 'integer' ? z.number().int() : z.number();
      if (spec.min !== undefined) base = base.min(spec.min);
      if (spec.max !== undefined) base = base.max(spec.max);
      schema = base;
      break;
    }
    case 'boolean':
      schema = z.boolean();
      break;
    case 'list': {
      const base = z.array(toZod(spec.items ?? { type: 'string' }));
      schema = spec.max !== undefined ? base.max(spec.max) : base;
      break;
    }
    case 'object':
      schema = objectOf(spec.fields ?? {});
      break;
  }
  if (spec.default !== undefined) return schema.default(spec.default as never);
  return spec.required === false ? schema.optional() : schema;
}

export function objectOf(fields: Record<string, FieldSpec>): z.ZodObject {
  return z.object(Object.fromEntries(Object.entries(fields).map(([name, spec]) => [name, toZod(spec)])));
}
