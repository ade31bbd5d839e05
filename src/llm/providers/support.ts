import type { AnswerOptions } from '../types';

/** A parameter a provider cannot honour, by its OpenAI wire name, and why. */
export interface ParameterRefusal {
  parameter: string;
  reason: string;
}

type ToolChoiceKind = 'auto' | 'none' | 'required' | 'named';

/** What one provider honours beyond messages, temperature and max tokens. */
export interface ParameterSupport {
  /** Sampling parameters it has no equivalent for. */
  unsupported: readonly ('seed' | 'logit_bias' | 'presence_penalty' | 'frequency_penalty' | 'parallel_tool_calls')[];
  toolChoices: readonly ToolChoiceKind[];
  jsonSchema: boolean;
  /** Some models take temperature or top_p, not both. */
  topPWithTemperature: boolean;
}

const wireValue = {
  seed: (options: AnswerOptions) => options.seed,
  logit_bias: (options: AnswerOptions) => options.logitBias,
  presence_penalty: (options: AnswerOptions) => options.presencePenalty,
  frequency_penalty: (options: AnswerOptions) => options.frequencyPenalty,
  parallel_tool_calls: (options: AnswerOptions) => options.parallelToolCalls,
} as const;

const choiceKind = (choice: NonNullable<AnswerOptions['toolChoice']>): ToolChoiceKind =>
  typeof choice === 'string' ? choice : 'named';

/** The first parameter of `options` that `support` cannot honour, or undefined. */
export function refusalOf(options: AnswerOptions, support: ParameterSupport): ParameterRefusal | undefined {
  for (const parameter of support.unsupported) {
    if (wireValue[parameter](options) !== undefined) return { parameter, reason: 'has no equivalent' };
  }
  if (options.toolChoice && !support.toolChoices.includes(choiceKind(options.toolChoice))) {
    return { parameter: 'tool_choice', reason: `does not take tool_choice ${choiceKind(options.toolChoice)}` };
  }
  if (options.jsonSchema && !support.jsonSchema) {
    return { parameter: 'response_format', reason: 'does not take a json_schema response format' };
  }
  if (options.topP !== undefined && options.temperature !== undefined && !support.topPWithTemperature) {
    return { parameter: 'top_p', reason: 'takes temperature or top_p, not both' };
  }
  return undefined;
}
