import { z } from 'zod';
import { nuggetKinds } from '../../memory/nugget';
import type { AgentMemory } from '../agent-memory';
import { defineTool, jsonOutput } from './tool';
import { ToolRefusal } from './tool-errors';

const searchArgs = z
  .object({
    query: z.string().min(1).max(500).describe('What to recall, in plain words'),
    k: z.number().int().min(1).max(10).optional().describe('Nuggets wanted, 5 unless given'),
  })
  .strict();

const storeArgs = z
  .object({
    text: z.string().min(1).max(2_000).describe('The lesson, pattern or rule, in one or two sentences'),
    kind: z.enum(nuggetKinds),
    tags: z
      .array(z.string().regex(/^[\w-]{1,40}$/))
      .max(5)
      .optional(),
  })
  .strict();

const unavailable = () => new ToolRefusal('long-term memory is not configured here (CHROMA_URL is not set)');

/** Long-term memory: recall gold nuggets by meaning, and store one as the calling agent's. */
export function memoryTools(memory: AgentMemory | undefined, agent: string) {
  return {
    memory_search: defineTool<z.infer<typeof searchArgs>>({
      name: 'memory_search',
      description: 'Recall lessons, patterns and rules from long-term memory by meaning.',
      args: searchArgs,
      async run({ query, k }) {
        if (!memory) throw unavailable();
        const hits = await memory.search(query, k ?? 5);
        return jsonOutput({
          nuggets: hits.map((hit) => ({ text: hit.text, kind: hit.kind, source: hit.source, distance: hit.distance })),
        });
      },
    }),
    memory_store: defineTool<z.infer<typeof storeArgs>>({
      name: 'memory_store',
      description: 'Store a lesson, pattern or rule in long-term memory, under your name.',
      args: storeArgs,
      async run({ text, kind, tags }) {
        if (!memory) throw unavailable();
        await memory.remember({ text, kind, source: `agent:${agent}`, tags: tags ?? [] });
        return jsonOutput({ stored: true });
      },
    }),
  };
}
