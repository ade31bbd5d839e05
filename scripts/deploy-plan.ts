// What a deploy needs to exist before `wrangler deploy`: the D1 databases, R2 buckets and queues an
// environment of wrangler.toml names. Each is found by name (`wrangler … list`) or created, and the
// D1 ids found go into a generated copy of wrangler.toml in place of the placeholder ids.

/** Runs `wrangler <args>` and resolves to what it printed on stdout; rejects when it exits non-zero. */
export type WranglerRunner = (args: string[]) => Promise<string>;

export interface WantedResources {
  d1: { binding: string; name: string }[];
  r2: string[];
  queues: string[];
}

export interface EnvironmentConfig {
  d1_databases: { binding: string; database_name?: string }[];
  r2_buckets: { bucket_name?: string }[];
  queues: {
    producers?: { queue: string }[];
    consumers?: { queue: string; dead_letter_queue?: string }[];
  };
}

const unique = (names: (string | undefined)[]) => [...new Set(names.filter((name): name is string => !!name))];

/** The resources one environment of wrangler.toml binds, by name. */
export function wantedResources(config: EnvironmentConfig): WantedResources {
  const d1 = config.d1_databases.map((database) => {
    if (!database.database_name) throw new Error(`D1 binding ${database.binding} has no database_name`);
    return { binding: database.binding, name: database.database_name };
  });
  const consumers = config.queues.consumers ?? [];
  return {
    d1,
    r2: unique(config.r2_buckets.map((bucket) => bucket.bucket_name)),
    queues: unique([
      ...(config.queues.producers ?? []).map((producer) => producer.queue),
      ...consumers.map((consumer) => consumer.queue),
      ...consumers.map((consumer) => consumer.dead_letter_queue),
    ]),
  };
}

/** `wrangler d1 list --json`: the API's database list. */
export function parseD1List(output: string): Map<string, string> {
  const databases = JSON.parse(output) as { uuid: string; name: string }[];
  return new Map(databases.map((database) => [database.name, database.uuid]));
}

/** `wrangler r2 bucket list`: `name:` lines, one per bucket. */
export function parseR2Buckets(output: string): Set<string> {
  return new Set([...output.matchAll(/^name:\s+(\S+)\s*$/gm)].map((match) => match[1] ?? ''));
}

/** `wrangler queues list`: a table whose second column is the queue's name. */
export function parseQueues(output: string): Set<string> {
  const names = new Set<string>();
  for (const line of output.split('\n')) {
    const cells = line.split('│').map((cell) => cell.trim());
    // A data row: │ id │ name │ …; the header row names its columns.
    if (cells.length > 3 && cells[2] && cells[2] !== 'name') names.add(cells[2]);
  }
  return names;
}

export interface EnsuredResources {
  /** D1 database name to its id. */
  d1Ids: Map<string, string>;
  /** What had to be created, as `kind name`. */
  created: string[];
}

/** `wrangler queues list` shows one page at a time: pages are read until one adds no queue. */
async function listQueues(run: WranglerRunner): Promise<Set<string>> {
  const all = new Set<string>();
  for (let page = 1; ; page += 1) {
    const before = all.size;
    for (const name of parseQueues(await run(['queues', 'list', '--page', String(page)]))) all.add(name);
    if (all.size === before) return all;
  }
}

/** Finds each wanted resource or creates it; D1 ids are read back from the list, never from prose. */
export async function ensureResources(run: WranglerRunner, wanted: WantedResources): Promise<EnsuredResources> {
  const created: string[] = [];
  let d1Ids = parseD1List(await run(['d1', 'list', '--json']));
  const missingD1 = wanted.d1.filter((database) => !d1Ids.has(database.name));
  for (const database of missingD1) {
    await run(['d1', 'create', database.name]);
    created.push(`d1 ${database.name}`);
  }
  if (missingD1.length > 0) d1Ids = parseD1List(await run(['d1', 'list', '--json']));
  for (const database of wanted.d1)
    if (!d1Ids.has(database.name)) throw new Error(`D1 database ${database.name} was created but is not listed`);

  const buckets = parseR2Buckets(await run(['r2', 'bucket', 'list']));
  for (const bucket of wanted.r2.filter((name) => !buckets.has(name))) {
    await run(['r2', 'bucket', 'create', bucket]);
    created.push(`r2 ${bucket}`);
  }
  const queues = await listQueues(run);
  for (const queue of wanted.queues.filter((name) => !queues.has(name))) {
    await run(['queues', 'create', queue]);
    created.push(`queue ${queue}`);
  }
  const ids = new Map(wanted.d1.map((database) => [database.name, d1Ids.get(database.name) ?? '']));
  return { d1Ids: ids, created };
}

/**
 * wrangler.toml with each named D1 database's `database_id` set to its real id. Names are unique
 * across the file, so the line after `database_name = "<name>"` is that database's id.
 */
export function withDatabaseIds(toml: string, ids: ReadonlyMap<string, string>): string {
  let out = toml;
  for (const [name, id] of ids) {
    const pattern = new RegExp(
      `(database_name = "${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*\\ndatabase_id = )"[^"]*"`,
    );
    if (!pattern.test(out)) throw new Error(`wrangler.toml has no database_id line after database_name = "${name}"`);
    out = out.replace(pattern, `$1"${id}"`);
  }
  return out;
}
