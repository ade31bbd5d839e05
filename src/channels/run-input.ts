import { InvalidInputError } from '../lib/domain-errors';
import type { TaskRecord } from '../reactor/registry';

/**
 * A chat user's input for a task: a JSON object is taken as the inputs; any other text
 * becomes the value of the task's first text input. Either way it is data for the task.
 */
export function taskInputs(record: TaskRecord, input: string): Record<string, unknown> {
  if (!input) return {};
  if (input.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch {
      throw new InvalidInputError('The input looks like JSON but does not parse');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new InvalidInputError('JSON input must be an object of task inputs');
    return parsed as Record<string, unknown>;
  }
  const field = Object.entries(record.definition.inputs).find(([, spec]) => spec.type === 'string')?.[0];
  if (!field) throw new InvalidInputError(`${record.definition.name} takes no text input; send JSON inputs`);
  return { [field]: input };
}
