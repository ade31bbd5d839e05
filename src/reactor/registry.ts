import { and, desc, eq } from 'drizzle-orm';
import { reactorTasks } from '../db/pg-schema';
import type { PostgresDatabase } from '../db/postgres';
import { builtinTaskFiles } from './builtin-tasks.generated';
import { parseTask, TaskFileError, type TaskFileProblem } from './parse-task';
import type { TaskDefinition } from './task-schema';

export interface TaskRecord {
  definition: TaskDefinition;
  source: 'builtin' | 'user';
  /** Built-in files are version 1; each save through the API adds one. */
  version: number;
  yaml: string;
}

let builtins: { tasks: TaskRecord[]; problems: TaskFileProblem[] } | undefined;

/** The task files shipped in src/reactor/tasks; a broken file is reported, the others still load. */
export function builtinTasks(): { tasks: TaskRecord[]; problems: TaskFileProblem[] } {
  if (builtins) return builtins;
  const tasks: TaskRecord[] = [];
  const problems: TaskFileProblem[] = [];
  for (const { file, text } of builtinTaskFiles) {
    try {
      const definition = parseTask(file, text);
      if (`${definition.name}.yaml` !== file) {
        problems.push({ file, line: 1, column: 1, field: 'name', message: `must match the file name (${file})` });
        continue;
      }
      tasks.push({ definition, source: 'builtin', version: 1, yaml: text });
    } catch (error) {
      if (error instanceof TaskFileError) problems.push(...error.problems);
      else throw error;
    }
  }
  builtins = { tasks, problems };
  return builtins;
}

/** Every runnable task: the latest user version of a name wins over the built-in file. */
export async function listTasks(db: PostgresDatabase | undefined): Promise<TaskRecord[]> {
  const byName = new Map(builtinTasks().tasks.map((task) => [task.definition.name, task]));
  if (db) {
    const rows = await db.select().from(reactorTasks).orderBy(reactorTasks.name, desc(reactorTasks.version));
    for (const row of rows) {
      const current = byName.get(row.name);
      if (current && current.source === 'user' && current.version >= row.version) continue;
      byName.set(row.name, {
        definition: parseTask(`${row.name}.yaml`, row.yaml),
        source: 'user',
        version: row.version,
        yaml: row.yaml,
      });
    }
  }
  return [...byName.values()].sort((a, b) => a.definition.name.localeCompare(b.definition.name));
}

export async function findTask(db: PostgresDatabase | undefined, name: string): Promise<TaskRecord | undefined> {
  if (db) {
    const [row] = await db
      .select()
      .from(reactorTasks)
      .where(eq(reactorTasks.name, name))
      .orderBy(desc(reactorTasks.version))
      .limit(1);
    if (row)
      return {
        definition: parseTask(`${row.name}.yaml`, row.yaml),
        source: 'user',
        version: row.version,
        yaml: row.yaml,
      };
  }
  return builtinTasks().tasks.find((task) => task.definition.name === name);
}

/** Validates and stores a new version of a task; throws TaskFileError with lines and fields. */
export async function saveTask(
  db: PostgresDatabase,
  name: string,
  yaml: string,
  createdBy: string,
): Promise<TaskRecord> {
  const definition = parseTask(`${name}.yaml`, yaml);
  if (definition.name !== name) {
    throw new TaskFileError([
      { file: `${name}.yaml`, line: 1, column: 1, field: 'name', message: `must be ${name}, the name in the path` },
    ]);
  }
  const current = await findTask(db, name);
  const version = (current?.version ?? 0) + 1;
  await db.insert(reactorTasks).values({ name, version, yaml, createdBy });
  return { definition, source: 'user', version, yaml };
}

export async function taskVersion(
  db: PostgresDatabase,
  name: string,
  version: number,
): Promise<TaskRecord | undefined> {
  const [row] = await db
    .select()
    .from(reactorTasks)
    .where(and(eq(reactorTasks.name, name), eq(reactorTasks.version, version)))
    .limit(1);
  return row ? { definition: parseTask(`${name}.yaml`, row.yaml), source: 'user', version, yaml: row.yaml } : undefined;
}
