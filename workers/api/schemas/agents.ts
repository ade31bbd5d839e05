import { z } from '@hono/zod-openapi';
import { agentStatuses } from '../../../src/agents/agent-state';
import { agentIds } from '../../../src/agents/personas';
import { isoTime } from '../../http/responses';

export const AgentSnapshotSchema = z
  .object({
    agent: z.enum(agentIds),
    status: z.enum(agentStatuses),
    currentTask: z.object({ actionId: z.string(), summary: z.string() }).nullable(),
    counters: z.object({ tasks: z.number(), tokensIn: z.number(), tokensOut: z.number(), costMicros: z.number() }),
    recent: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string(), at: z.number() })),
    lastError: z.string().nullable(),
    updatedAt: z.number().describe('Epoch ms'),
  })
  .openapi('AgentSnapshot');

export const BrainSchema = z
  .object({
    id: z.enum(agentIds),
    name: z.string(),
    alias: z.string(),
    role: z.string(),
    taskClass: z.string(),
    output: z.string(),
    status: z.enum(agentStatuses),
    currentTask: AgentSnapshotSchema.shape.currentTask,
    counters: AgentSnapshotSchema.shape.counters,
    lastError: z.string().nullable(),
    updatedAt: isoTime,
  })
  .openapi('Brain');

export const BrainListSchema = z.object({ brains: z.array(BrainSchema) }).openapi('BrainList');
