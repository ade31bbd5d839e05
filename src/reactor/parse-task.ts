import { describeProblems, parseYamlFile, type YamlFileProblem } from '../lib/yaml-file';
import { type TaskDefinition, taskDefinitionSchema } from './task-schema';

export type TaskFileProblem = YamlFileProblem;

export class TaskFileError extends Error {
  constructor(readonly problems: TaskFileProblem[]) {
    super(describeProblems(problems));
    this.name = 'TaskFileError';
  }
}

const MAX_TASK_BYTES = 64 * 1024;

/** Parses and validates a task file; every problem names its file, line and field. */
export function parseTask(file: string, text: string): TaskDefinition {
  const result = parseYamlFile(file, text, taskDefinitionSchema, MAX_TASK_BYTES);
  if ('problems' in result) throw new TaskFileError(result.problems);
  return result.data;
}
