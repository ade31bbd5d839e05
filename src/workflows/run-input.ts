import { InvalidInputError } from '../lib/domain-errors';
import type { RunInput, WorkflowDefinition } from './types';

export interface InputProblem {
  /** Where the problem is, from the request's top: `input.regions.0`. */
  path: string;
  message: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A run's `input` checked against its workflow's schema. A workflow that declares none takes only
 * an absent or empty input: a value it would ignore is refused by name rather than dropped.
 */
export function checkRunInput(workflow: WorkflowDefinition, input: unknown): RunInput {
  if (input === undefined || input === null) input = {};
  if (!isObject(input)) throw refusal(workflow, [{ path: 'input', message: 'must be a JSON object' }]);
  if (!workflow.input) {
    const names = Object.keys(input);
    if (names.length === 0) return {};
    throw refusal(
      workflow,
      names.map((name) => ({ path: `input.${name}`, message: `${workflow.id} takes no input` })),
    );
  }
  const parsed = workflow.input.safeParse(input);
  if (parsed.success) return parsed.data;
  throw refusal(
    workflow,
    parsed.error.issues.map((issue) => ({
      path: ['input', ...issue.path.map(String)].join('.'),
      message: issue.message,
    })),
  );
}

function refusal(workflow: WorkflowDefinition, problems: InputProblem[]) {
  const named = problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ');
  return new InvalidInputError(`The input of ${workflow.id} is not valid (${named})`, problems);
}
