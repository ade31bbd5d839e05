import { z } from 'zod';
import { callScopesSchema } from '../budget/scopes';
import { callerMetadata } from './caller-metadata';
import { taskClasses } from './types';

const jsonObject = z.record(z.string(), z.unknown());

export const toolCallSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(64),
  arguments: z.string().max(1_000_000),
});

const contentPartSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({
    type: z.literal('image'),
    image: z.object({
      url: z.string().min(1),
      detail: z.enum(['auto', 'low', 'high']).optional(),
      param: z.string().min(1).max(200),
    }),
  }),
]);

export const chatMessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.string().max(2_000_000),
  parts: z.array(contentPartSchema).max(1_000).optional(),
  toolCalls: z.array(toolCallSchema).max(128).optional(),
  toolCallId: z.string().min(1).max(200).optional(),
});

/** The router's own request shape, as stored with a deferred call. */
export const chatRequestSchema = z.object({
  messages: z.array(chatMessageSchema).min(1).max(1_000),
  maxTokens: z.number().int().min(1).max(200_000),
  temperature: z.number().min(0).max(2).optional(),
  json: z.boolean().optional(),
  jsonSchema: z
    .object({
      name: z.string().min(1).max(64),
      description: z.string().optional(),
      schema: jsonObject.optional(),
      strict: z.boolean().optional(),
    })
    .optional(),
  tools: z
    .array(
      z.object({
        name: z.string().min(1).max(64),
        description: z.string().optional(),
        parameters: jsonObject.optional(),
        strict: z.boolean().optional(),
      }),
    )
    .max(128)
    .optional(),
  toolChoice: z.union([z.enum(['auto', 'none', 'required']), z.object({ name: z.string().min(1) })]).optional(),
  parallelToolCalls: z.boolean().optional(),
  topP: z.number().min(0).max(1).optional(),
  seed: z.number().int().optional(),
  stop: z.array(z.string()).max(4).optional(),
  presencePenalty: z.number().min(-2).max(2).optional(),
  frequencyPenalty: z.number().min(-2).max(2).optional(),
  logitBias: z.record(z.string(), z.number()).optional(),
  user: z.string().max(256).optional(),
  metadata: callerMetadata.optional(),
  model: z.string().min(1).max(120).optional(),
  taskClass: z.enum(taskClasses).optional(),
  cache: z.boolean().optional(),
  scopes: callScopesSchema,
  requestId: z.string().min(1).max(200),
});
