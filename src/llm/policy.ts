import { z } from 'zod';
import { type TaskClass, taskClasses } from './types.ts';

const candidate = z.object({
  model: z.string().min(3).describe('Catalogue id, e.g. moonshot/kimi-k2.5'),
  maxInputTokens: z.number().int().positive().optional().describe('Skip this model for larger requests'),
});

/**
 * What an `auto` class does when a candidate's worst case would pass a cap: `downgrade` tries the
 * class's next cheaper candidate first, `defer` goes straight to the over-budget policy. A named
 * model never switches.
 */
const overBudgetMode = z.enum(['downgrade', 'defer']);
export type OverBudgetMode = z.infer<typeof overBudgetMode>;

/** The routing policy is configuration (ROUTER_POLICY, JSON), checked with the rest of the config. */
export const routerPolicySchema = z
  .object({
    classes: z.object({
      simple: z.array(candidate).min(1),
      research: z.array(candidate).min(1),
      strategic: z.array(candidate).min(1),
    }),
    onOverBudget: z
      .object({
        simple: overBudgetMode.default('downgrade'),
        research: overBudgetMode.default('downgrade'),
        strategic: overBudgetMode.default('downgrade'),
      })
      .default({ simple: 'downgrade', research: 'downgrade', strategic: 'downgrade' }),
    timeoutMs: z.number().int().min(100).max(600_000).default(60_000),
    /** A retry-after up to this is waited out on the same provider; longer ones move on. */
    maxRetryWaitMs: z.number().int().min(0).max(60_000).default(2_000),
    breaker: z
      .object({
        failureThreshold: z.number().int().min(1).max(100).default(3),
        openMs: z.number().int().min(100).max(3_600_000).default(30_000),
      })
      .default({ failureThreshold: 3, openMs: 30_000 }),
  })
  .strict();

export type RouterPolicy = z.infer<typeof routerPolicySchema>;
export type Candidate = z.infer<typeof candidate>;

/** The seed's decision tree: simple work local, research (under 50K tokens) to Kimi, strategy to Claude. */
export const defaultPolicy: RouterPolicy = routerPolicySchema.parse({
  classes: {
    simple: [{ model: 'ollama/qwen2.5-coder' }, { model: 'ollama/llama3.2' }, { model: 'moonshot/kimi-k2.5' }],
    research: [{ model: 'moonshot/kimi-k2.5', maxInputTokens: 50_000 }, { model: 'anthropic/claude-sonnet-5-5' }],
    strategic: [
      { model: 'anthropic/claude-opus-5-5' },
      { model: 'anthropic/claude-sonnet-5-5' },
      { model: 'moonshot/kimi-k2.5' },
    ],
  },
});

const STRATEGIC = /\b(strateg\w*|decid\w*|decision|priorit\w*|long[- ]term|vision|invest\w*|pricing|risk)\b/i;
const SIMPLE = /\b(fix|edit|rewrite|format|translate|summari[sz]e|refactor|typo|code|script|regex|rename)\b/i;

/** Deterministic classification when the caller names no class: keywords first, then size. */
export function classify(text: string): TaskClass {
  if (STRATEGIC.test(text)) return 'strategic';
  if (SIMPLE.test(text) && text.length < 8_000) return 'simple';
  return text.length < 400 ? 'simple' : 'research';
}

export const isTaskClass = (value: string): value is TaskClass => (taskClasses as readonly string[]).includes(value);
