import { objectOf } from './field-schema';
import type { TaskDefinition } from './task-schema';

export interface InputProblem {
  path: string;
  message: string;
}

/** Validates run inputs against the task's input fields, filling defaults. */
export function checkInputs(
  task: TaskDefinition,
  inputs: unknown,
): { ok: true; inputs: Record<string, unknown> } | { ok: false; problems: InputProblem[] } {
  const parsed = objectOf(task.inputs)
    .strict()
    .safeParse(inputs ?? {});
  if (parsed.success) return { ok: true, inputs: parsed.data as Record<string, unknown> };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      path: issue.path.join('.') || '(inputs)',
      message: issue.message,
    })),
  };
}
