import { describeProblems, parseYamlFile, type YamlFileProblem } from '../lib/yaml-file';
import { type KnowledgeItem, type KnowledgeNorm, knowledgeFileSchema } from './knowledge-schema';

export type KnowledgeProblem = YamlFileProblem;

export class KnowledgeFileError extends Error {
  constructor(readonly problems: KnowledgeProblem[]) {
    super(describeProblems(problems));
    this.name = 'KnowledgeFileError';
  }
}

const MAX_FILE_BYTES = 256 * 1024;

/** Parses and validates one knowledge file; every problem names its file, line and field. */
export function parseKnowledgeFile(file: string, text: string): { items: KnowledgeItem[]; norms: KnowledgeNorm[] } {
  const result = parseYamlFile(file, text, knowledgeFileSchema, MAX_FILE_BYTES);
  if ('problems' in result) throw new KnowledgeFileError(result.problems);
  return {
    items: result.data.items.map((item) => ({ ...item, file })),
    norms: result.data.norms.map((norm) => ({ ...norm, file })),
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
