import { isNode, LineCounter, parseDocument } from 'yaml';
import { type TaskDefinition, taskDefinitionSchema } from './task-schema';

export interface TaskFileProblem {
  file: string;
  line: number;
  column: number;
  /** Dotted path of the field that is wrong, e.g. `steps.1.prompt`. */
  field: string;
  message: string;
}

export class TaskFileError extends Error {
  constructor(readonly problems: TaskFileProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.field}: ${p.message}`).join('\n'));
    this.name = 'TaskFileError';
  }
}

const MAX_TASK_BYTES = 64 * 1024;

/** Parses and validates a task file; every problem names its file, line and field. */
export function parseTask(file: string, text: string): TaskDefinition {
  if (text.length > MAX_TASK_BYTES) {
    throw new TaskFileError([
      { file, line: 1, column: 1, field: '(file)', message: `larger than ${MAX_TASK_BYTES} bytes` },
    ]);
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => lines.linePos(offset);
  if (document.errors.length > 0) {
    throw new TaskFileError(
      document.errors.map((error) => {
        const position = at(error.pos[0]);
        return {
          file,
          line: position.line,
          column: position.col,
          field: '(yaml)',
          message: error.message.split('\n')[0] ?? 'invalid YAML',
        };
      }),
    );
  }
  const parsed = taskDefinitionSchema.safeParse(document.toJS());
  if (parsed.success) return parsed.data;
  throw new TaskFileError(
    parsed.error.issues.map((issue) => {
      // The deepest node that exists along the path locates the problem (a missing key points at its parent).
      let path = [...issue.path] as (string | number)[];
      let node = document.getIn(path, true);
      while (!isNode(node) && path.length > 0) {
        path = path.slice(0, -1);
        node = path.length > 0 ? document.getIn(path, true) : document.contents;
      }
      const offset = isNode(node) && node.range ? node.range[0] : 0;
      const position = at(offset);
      return {
        file,
        line: position.line,
        column: position.col,
        field: issue.path.join('.') || '(root)',
        message: issue.message,
      };
    }),
  );
}
