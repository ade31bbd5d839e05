// The parts of a wrangler config that a benchmark reproduces in workerd, read through wrangler's
// own parser (so environments, defaults and relative paths resolve as `wrangler deploy` does)
// and checked here, because wrangler's published types for it do not resolve outside wrangler.
import { dirname, resolve } from 'node:path';
import { unstable_getDurableObjectClassNameToUseSQLiteMap, unstable_readConfig } from 'wrangler';
import { z } from 'zod';

const d1Database = z.object({
  binding: z.string(),
  database_id: z.string().optional(),
  database_name: z.string().optional(),
  migrations_dir: z.string().optional(),
});

const durableObjectBinding = z.object({
  name: z.string(),
  class_name: z.string(),
  script_name: z.string().optional(),
});

const queueProducer = z.object({
  binding: z.string(),
  queue: z.string(),
  delivery_delay: z.number().optional(),
});

const queueConsumer = z.object({
  queue: z.string(),
  max_batch_size: z.number().optional(),
  max_batch_timeout: z.number().optional(),
  max_retries: z.number().optional(),
  dead_letter_queue: z.string().optional(),
  max_concurrency: z.number().nullable().optional(),
  retry_delay: z.number().optional(),
});

const r2Bucket = z.object({ binding: z.string(), bucket_name: z.string() });

const workflow = z.object({
  name: z.string(),
  binding: z.string(),
  class_name: z.string(),
  script_name: z.string().optional(),
});

const configSchema = z.object({
  name: z.string(),
  main: z.string(),
  compatibility_date: z.string(),
  compatibility_flags: z.array(z.string()).default([]),
  vars: z.record(z.string(), z.json()).default({}),
  d1_databases: z.array(d1Database).default([]),
  r2_buckets: z.array(r2Bucket).default([]),
  workflows: z.array(workflow).default([]),
  durable_objects: z.object({ bindings: z.array(durableObjectBinding).default([]) }).default({ bindings: [] }),
  migrations: z.array(z.looseObject({ tag: z.string() })).default([]),
  queues: z
    .object({ producers: z.array(queueProducer).default([]), consumers: z.array(queueConsumer).default([]) })
    .default({ producers: [], consumers: [] }),
});

export type D1DatabaseConfig = z.infer<typeof d1Database>;
export type QueueConsumerConfig = z.infer<typeof queueConsumer>;

export interface WranglerConfig extends Omit<z.infer<typeof configSchema>, 'migrations'> {
  /** Directory of the config file: relative paths in it resolve from here. */
  dir: string;
  /** Durable Object classes whose migrations made them SQLite-backed. */
  sqliteClasses: Set<string>;
}

// Bindings start-workerd does not reproduce yet: failing loudly beats a benchmark that quietly
// runs without one of them.
const unsupportedLists = [
  'kv_namespaces',
  'services',
  'hyperdrive',
  'vectorize',
  'analytics_engine_datasets',
  'dispatch_namespaces',
  'send_email',
] as const;
const unsupportedSingles = ['ai', 'browser', 'images'] as const;

function unsupportedBindings(raw: Record<string, unknown>): string[] {
  const lists = unsupportedLists.filter((key) => Array.isArray(raw[key]) && raw[key].length > 0);
  const singles = unsupportedSingles.filter((key) => raw[key] !== undefined);
  // Static assets (the dashboard) are served in front of the Worker and never reach its code;
  // only an assets binding, which the Worker would call, cannot be reproduced here.
  const assets = raw.assets as { binding?: unknown } | undefined;
  return [...lists, ...singles, ...(assets?.binding !== undefined ? ['assets.binding'] : [])];
}

/** Reads a wrangler config (top-level environment unless `env` is given). */
export function readWranglerConfig(configPath: string, env?: string): WranglerConfig {
  const path = resolve(configPath);
  const raw: unknown = unstable_readConfig({ config: path, env }, { hideWarnings: true });
  const record = z.record(z.string(), z.unknown()).parse(raw);
  const unsupported = unsupportedBindings(record);
  if (unsupported.length > 0) {
    throw new Error(`${path}: bench/lib cannot reproduce these bindings yet: ${unsupported.join(', ')}`);
  }
  const { migrations, ...config } = configSchema.parse(record);
  const useSqlite: unknown = unstable_getDurableObjectClassNameToUseSQLiteMap(migrations);
  const sqliteMap = z.map(z.string(), z.boolean()).parse(useSqlite);
  const sqliteClasses = new Set([...sqliteMap].filter(([, sqlite]) => sqlite).map(([name]) => name));
  return { ...config, dir: dirname(path), sqliteClasses };
}
