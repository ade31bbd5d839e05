import type { TaskDefinition } from './task-schema';

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
