import { constructFromEvents, EVENT_ID, type Event, getScalarValue, parseEvents, YAMLException } from 'js-yaml';
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

/** Aliases one file may use: enough for any real file, too few to expand into a billion values. */
const MAX_ALIASES = 100;

/** Where a node starts: a scalar at its value, an alias at its `*`, a collection at its first token. */
function startOf(event: Exclude<Event, { type: typeof EVENT_ID.DOCUMENT | typeof EVENT_ID.POP }>): number {
  if (event.type === EVENT_ID.SCALAR) return event.valueStart;
  if (event.type === EVENT_ID.ALIAS) return event.anchorStart - 1;
  return event.start;
}

/** Where each node of the document starts, by its dotted path (`''` for the root). */
function nodeOffsets(events: Event[], source: string): Map<string, number> {
  const offsets = new Map<string, number>();
  // One frame per open collection: its path, and for a mapping the key awaiting its value.
  const frames: { path: string; mapping: boolean; index: number; key?: string }[] = [];
  const childPath = (): string | undefined => {
    const frame = frames.at(-1);
    if (!frame) return '';
    const name = frame.mapping ? frame.key : String(frame.index++);
    if (name === undefined) return undefined;
    return frame.path === '' ? name : `${frame.path}.${name}`;
  };
  for (const event of events) {
    if (event.type === EVENT_ID.DOCUMENT || event.type === EVENT_ID.POP) {
      if (event.type === EVENT_ID.POP) frames.pop();
      continue;
    }
    const frame = frames.at(-1);
    // In a mapping a key comes first: remember it, and the value that follows takes its name.
    if (frame?.mapping && frame.key === undefined) {
      frame.key = event.type === EVENT_ID.SCALAR ? getScalarValue(source, event) : '?';
      if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
        frames.push({ path: '?', mapping: event.type === EVENT_ID.MAPPING, index: 0 });
      }
      continue;
    }
    const path = childPath() ?? '?';
    if (frame?.mapping) frame.key = undefined;
    if (!offsets.has(path)) offsets.set(path, startOf(event));
    if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
      frames.push({ path, mapping: event.type === EVENT_ID.MAPPING, index: 0 });
    }
  }
  return offsets;
}

/** 1-based line and column of an offset. */
function position(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = source.indexOf('\n'); at !== -1 && at < offset; at = source.indexOf('\n', at + 1)) {
    line += 1;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

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
  const at = (offset: number, field: string, message: string): YamlFileProblem => ({
    file,
    ...position(text, offset),
    field,
    message,
  });
  let events: Event[];
  let documents: unknown[];
  try {
    events = parseEvents(text, { filename: file });
    documents = constructFromEvents(events, { source: text, filename: file, maxAliases: MAX_ALIASES });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    return { problems: [at(error.mark?.position ?? 0, '(yaml)', error.reason || 'invalid YAML')] };
  }
  if (documents.length > 1) {
    return { problems: [at(0, '(yaml)', `holds ${documents.length} documents; one is expected`)] };
  }
  const parsed = schema.safeParse(documents[0] ?? null);
  if (parsed.success) return { data: parsed.data };
  const offsets = nodeOffsets(events, text);
  return {
    problems: parsed.error.issues.map((issue) => {
      // The deepest node that exists along the path locates the problem (a missing key points at its parent).
      const path = issue.path.map(String);
      while (path.length > 0 && !offsets.has(path.join('.'))) path.pop();
      return at(offsets.get(path.join('.')) ?? 0, issue.path.join('.') || '(root)', issue.message);
    }),
  };
}
