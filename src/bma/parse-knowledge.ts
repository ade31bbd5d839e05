import { isNode, LineCounter, parseDocument } from 'yaml';
import { type KnowledgeItem, type KnowledgeNorm, knowledgeFileSchema } from './knowledge-schema';

export interface KnowledgeProblem {
  file: string;
  line: number;
  column: number;
  field: string;
  message: string;
}

export class KnowledgeFileError extends Error {
  constructor(readonly problems: KnowledgeProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.field}: ${p.message}`).join('\n'));
    this.name = 'KnowledgeFileError';
  }
}

const MAX_FILE_BYTES = 256 * 1024;

/** Parses and validates one knowledge file; every problem names its file, line and field. */
export function parseKnowledgeFile(file: string, text: string): { items: KnowledgeItem[]; norms: KnowledgeNorm[] } {
  if (text.length > MAX_FILE_BYTES) {
    throw new KnowledgeFileError([
      { file, line: 1, column: 1, field: '(file)', message: `larger than ${MAX_FILE_BYTES} bytes` },
    ]);
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new KnowledgeFileError(
      document.errors.map((error) => {
        const position = lines.linePos(error.pos[0]);
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
  const parsed = knowledgeFileSchema.safeParse(document.toJS());
  if (!parsed.success) {
    throw new KnowledgeFileError(
      parsed.error.issues.map((issue) => {
        // The deepest node that exists along the path locates the problem (a missing key points at its parent).
        let path = [...issue.path] as (string | number)[];
        let node = document.getIn(path, true);
        while (!isNode(node) && path.length > 0) {
          path = path.slice(0, -1);
          node = path.length > 0 ? document.getIn(path, true) : document.contents;
        }
        const position = lines.linePos(isNode(node) && node.range ? node.range[0] : 0);
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
  return {
    items: parsed.data.items.map((item) => ({ ...item, file })),
    norms: parsed.data.norms.map((norm) => ({ ...norm, file })),
  };
}

/** All files together; an id used twice is an error naming both files. */
export function parseKnowledge(files: readonly { file: string; text: string }[]) {
  const items: KnowledgeItem[] = [];
  const norms: KnowledgeNorm[] = [];
  const problems: KnowledgeProblem[] = [];
  const seen = new Map<string, string>();
  for (const { file, text } of files) {
    try {
      const parsed = parseKnowledgeFile(file, text);
      for (const item of parsed.items) {
        const first = seen.get(item.id);
        if (first) {
          const line = text.split('\n').findIndex((row) => row.includes(`id: ${item.id}`)) + 1;
          problems.push({
            file,
            line: Math.max(line, 1),
            column: 1,
            field: 'items.id',
            message: `${item.id} is already defined in ${first}`,
          });
          continue;
        }
        seen.set(item.id, file);
        items.push(item);
      }
      norms.push(...parsed.norms);
    } catch (error) {
      if (!(error instanceof KnowledgeFileError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new KnowledgeFileError(problems);
  return { items, norms };
}
