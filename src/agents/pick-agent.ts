import type { AgentId } from './personas';

const rules: [RegExp, AgentId][] = [
  [/\b(revenue|kpi|metric|numbers?|cost|profit|margin|forecast|budget|spend)\b/i, 'numbers'],
  [/\b(post|tweet|thread|blog|newsletter|email|copy|headline|content|linkedin)\b/i, 'mouth'],
  [/\b(script|code|automat\w*|integrat\w*|api|webhook|deploy|cron)\b/i, 'hands'],
  [/\b(goal|motivat\w*|habit|focus|coach\w*|burn ?out)\b/i, 'drive'],
  [/\b(vision|long[- ]term|market|position\w*|strategy)\b/i, 'visionary'],
  [/\b(lesson|learned|pattern|rule|remember|retro\w*)\b/i, 'memory'],
];

/** An ask without an agent goes to the brain whose field the question names; the CEO otherwise. */
export function pickAgentFor(input: string): AgentId {
  return rules.find(([pattern]) => pattern.test(input))?.[1] ?? 'ceo';
}
