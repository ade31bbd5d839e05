import { isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';

/** One problem in a YAML file, where an author can find it. */
export interface YamlFileProblem {
  file: string;
  line: number;
  column: number;
  /** Dotted path of the field that is wrong, e.g. `steps.1.prompt`. */
  field: string;
  message: string;
}

export const describeProblems = (problems: YamlFileProblem[]) =>
  problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.field}: ${p.message}`).join('\n');

/** Parses a YAML file and checks it against a schema: the data, or every problem with its file, line and field. */
export function parseYamlFile<T extends z.ZodType>(
  file: string,
  text: string,
  schema: T,
  maxBytes: number,
): { data: z.output<T> } | { problems: YamlFileProblem[] } {
  if (text.length > maxBytes) {
    return { problems: [{ file, line: 1, column: 1, field: '(file)', message: `larger than ${maxBytes} bytes` }] };
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number, field: string, message: string): YamlFileProblem => {
    const position = lines.linePos(offset);
    return { file, line: position.line, column: position.col, field, message };
  };
  if (document.errors.length > 0) {
    return {
      problems: document.errors.map((error) =>
        at(error.pos[0], '(yaml)', error.message.split('\n')[0] ?? 'invalid YAML'),
      ),
    };
  }
  const parsed = schema.safeParse(document.toJS());
  if (parsed.success) return { data: parsed.data };
  return {
    problems: parsed.error.issues.map((issue) => {
      // The deepest node that exists along the path locates the problem (a missing key points at its parent).
      let path = [...issue.path] as (string | number)[];
      let node = document.getIn(path, true);
      while (!isNode(node) && path.length > 0) {
        path = path.slice(0, -1);
        node = path.length > 0 ? document.getIn(path, true) : document.contents;
      }
      return at(isNode(node) && node.range ? node.range[0] : 0, issue.path.join('.') || '(root)', issue.message);
    }),
  };
}
