import { z } from 'zod';
import { callScopesSchema } from '../budget/scopes';
import { taskClasses } from './types';

export const chatMessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string().max(2_000_000),
});

/** The router's own request shape, as stored with a deferred call. */
export const chatRequestSchema = z.object({
  messages: z.array(chatMessageSchema).min(1).max(1_000),
  maxTokens: z.number().int().min(1).max(200_000),
  temperature: z.number().min(0).max(2).optional(),
  json: z.boolean().optional(),
  model: z.string().min(1).max(120).optional(),
  taskClass: z.enum(taskClasses).optional(),
  cache: z.boolean().optional(),
  scopes: callScopesSchema,
  requestId: z.string().min(1).max(200),
});
