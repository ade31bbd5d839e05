import { z } from 'zod';
import { agentIds } from '../agents/personas';
import { taskClasses } from '../llm/types';
import { fieldMapSchema, fieldSpecSchema } from './field-schema';

const template = z.string().min(1).max(8_000);

/** The tools a task step may offer its model. */
export const taskToolNames = ['web_search', 'web_fetch'] as const;
export type TaskToolName = (typeof taskToolNames)[number];

export const taskDefinitionSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]{1,47}$/, 'task names are lower_snake_case, 2-48 characters'),
    description: z.string().min(1).max(1_000),
    agent: z.enum(agentIds),
    model_class: z.enum(taskClasses),
    inputs: fieldMapSchema,
    prompts: z
      .object({
        system: template.refine(
          (text) => !/\{\{/.test(text),
          'the system prompt takes no variables: inputs reach the model only as data',
        ),
      })
      .strict(),
    steps: z
      .array(
        z
          .object({
            name: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/),
            prompt: template,
            max_tokens: z.number().int().min(16).max(32_000).default(1_024),
            /** Tools the model may call in this step; every call is budgeted, limited and audited. */
            tools: z.array(z.enum(taskToolNames)).min(1).max(taskToolNames.length).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(8),
    output: z.object({ schema: fieldSpecSchema, example: z.unknown() }).strict(),
    fanout: z
      .union([
        z.object({ over: z.string(), max: z.number().int().min(1).max(500_000).default(100_000) }).strict(),
        z.object({ variations: z.number().int().min(1).max(500_000) }).strict(),
      ])
      .optional(),
    reduce: z
      .union([
        z.object({ kind: z.literal('concat') }).strict(),
        z.object({ kind: z.literal('dedupe'), key: z.string(), list: z.string().optional() }).strict(),
        z
          .object({
            kind: z.literal('rank'),
            by: z.string(),
            list: z.string().optional(),
            order: z.enum(['asc', 'desc']).default('desc'),
            limit: z.number().int().min(1).max(10_000).default(50),
          })
          .strict(),
        z
          .object({
            kind: z.literal('summary'),
            prompt: template,
            max_tokens: z.number().int().min(16).max(8_000).default(1_024),
          })
          .strict(),
      ])
      .default({ kind: 'concat' }),
    budget: z.object({ max_run_usd: z.number().positive().max(10_000) }).strict(),
    max_in_flight: z.number().int().min(1).max(10_000).default(200),
    /**
     * Lists of the output whose entries are claims that must cite, in `source`, a page a step
     * fetched; the others move to the result's `unsupported` list.
     */
    citations: z
      .object({
        lists: z
          .array(z.string().regex(/^[a-z][a-z0-9_]{0,47}$/))
          .min(1)
          .max(8),
      })
      .strict()
      .optional(),
    /** What happens to the reduced result: `import_leads` makes CRM leads of a list of leads. */
    on_done: z.enum(['import_leads']).optional(),
  })
  .strict()
  .refine((task) => !task.citations || task.steps.some((step) => step.tools?.includes('web_fetch')), {
    message: 'citations need a step with the web_fetch tool',
    path: ['citations'],
  });

export type TaskDefinition = z.infer<typeof taskDefinitionSchema>;
