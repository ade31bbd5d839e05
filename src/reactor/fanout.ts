import type { TaskDefinition } from './task-schema';
import { placeholders } from './template';

/** The job items of a run: one per element of the fan-out list, one per variation, or a single job. */
export function jobItems(task: TaskDefinition, inputs: Record<string, unknown>, override?: number): unknown[] {
  const fanout = task.fanout;
  if (!fanout) return [null];
  if ('variations' in fanout) {
    const count = override ?? fanout.variations;
    return Array.from({ length: count }, (_, index) => index + 1);
  }
  const list = inputs[fanout.over];
  if (!Array.isArray(list)) throw new Error(`fan-out input ${fanout.over} is not a list`);
  if (list.length > fanout.max)
    throw new Error(`fan-out over ${list.length} items is past the task's maximum of ${fanout.max}`);
  return override === undefined ? list : list.slice(0, override);
}

/**
 * The inputs each job is given. A job has its own item, so the fan-out list (up to 100,000
 * entries) stays with the run unless a step's prompt names it.
 */
export function jobInputs(task: TaskDefinition, inputs: Record<string, unknown>): Record<string, unknown> {
  const fanout = task.fanout;
  if (!fanout || !('over' in fanout)) return inputs;
  const named = task.steps.some((step) => placeholders(step.prompt).some((path) => path.split('.')[0] === fanout.over));
  return named ? inputs : Object.fromEntries(Object.entries(inputs).filter(([name]) => name !== fanout.over));
}
