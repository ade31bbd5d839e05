// Translates a wrangler config and its bundle into one Miniflare worker: the bindings, Durable
// Object and Workflow classes and queue consumers that `wrangler dev` would give it, and nothing else.
import { readFile } from 'node:fs/promises';
import type { WorkerOptions } from 'miniflare';
import type { Bundle, BundledModule } from './bundle.ts';
import type { QueueConsumerConfig, WranglerConfig } from './wrangler-config.ts';

type Manifest = NonNullable<WorkerOptions['config']['manifest']>;
type Env = NonNullable<WorkerOptions['config']['env']>;
type Exports = NonNullable<WorkerOptions['config']['exports']>;
type Triggers = NonNullable<WorkerOptions['config']['triggers']>;

export interface WorkerOptionsInput {
  config: WranglerConfig;
  bundle: Bundle;
  /** Overrides the config's name, e.g. to serve a fixture under a fixed name. */
  name?: string;
  /** Plain-text bindings added to (and overriding) the config's [vars]. */
  bindings?: Record<string, string>;
  /** Overrides the config's compatibility date and flags. */
  compatibility?: { date: string; flags: string[] };
  /** A port on 127.0.0.1 that reaches this worker directly; 0 picks a free one. */
  directPort?: number;
}

async function readModule(module: BundledModule): Promise<Manifest['modules'][string]> {
  const binary = module.type === 'wasm' || module.type === 'data';
  const contents = binary ? new Uint8Array(await readFile(module.path)) : await readFile(module.path, 'utf8');
  return { type: module.type, contents };
}

async function manifestOf(bundle: Bundle): Promise<Manifest> {
  const modules: Manifest['modules'] = {};
  for (const module of bundle.modules) modules[module.name] = await readModule(module);
  return { mainModule: bundle.mainModule.name, modulesRoot: bundle.dir, modules };
}

function envOf(config: WranglerConfig, workerName: string, extra: Record<string, string>): Env {
  const env: Env = {};
  for (const [name, value] of Object.entries(config.vars)) {
    env[name] = typeof value === 'string' ? { type: 'text', value } : { type: 'json', value };
  }
  for (const database of config.d1_databases) {
    env[database.binding] = { type: 'd1', id: database.database_id ?? database.database_name ?? database.binding };
  }
  for (const bucket of config.r2_buckets) env[bucket.binding] = { type: 'r2', name: bucket.bucket_name };
  for (const binding of config.durable_objects.bindings) {
    const worker = binding.script_name ?? workerName;
    env[binding.name] = { type: 'durable-object', worker, exportName: binding.class_name };
  }
  for (const workflow of config.workflows) {
    const worker = workflow.script_name ?? workerName;
    env[workflow.binding] = { type: 'workflow', name: workflow.name, worker, exportName: workflow.class_name };
  }
  for (const producer of config.queues.producers) {
    env[producer.binding] = { type: 'queue', name: producer.queue, deliveryDelay: producer.delivery_delay };
  }
  for (const [name, value] of Object.entries(extra)) env[name] = { type: 'text', value };
  return env;
}

function exportsOf(config: WranglerConfig): Exports {
  const exports: Exports = {};
  for (const binding of config.durable_objects.bindings) {
    if (binding.script_name) continue;
    const storage = config.sqliteClasses.has(binding.class_name) ? 'sqlite' : 'legacy-kv';
    exports[binding.class_name] = { type: 'durable-object', storage };
  }
  for (const workflow of config.workflows) {
    if (!workflow.script_name) exports[workflow.class_name] = { type: 'workflow', name: workflow.name };
  }
  return exports;
}

function queueTrigger(consumer: QueueConsumerConfig): Triggers[number] {
  return {
    type: 'queue',
    name: consumer.queue,
    maxBatchSize: consumer.max_batch_size,
    maxBatchTimeout: consumer.max_batch_timeout,
    maxRetries: consumer.max_retries,
    deadLetterQueue: consumer.dead_letter_queue,
    maxConcurrency: consumer.max_concurrency,
    retryDelay: consumer.retry_delay,
  };
}

/** Cron triggers are left out on purpose: a schedule firing mid-measurement would skew it. */
export async function workerOptions(input: WorkerOptionsInput): Promise<WorkerOptions> {
  const { config } = input;
  const name = input.name ?? config.name;
  return {
    config: {
      name,
      compatibilityDate: input.compatibility?.date ?? config.compatibility_date,
      compatibilityFlags: input.compatibility?.flags ?? config.compatibility_flags,
      manifest: await manifestOf(input.bundle),
      env: envOf(config, name, input.bindings ?? {}),
      exports: exportsOf(config),
      triggers: config.queues.consumers.map(queueTrigger),
    },
    dev: {
      unsafeDirectSockets: [{ host: '127.0.0.1', port: input.directPort ?? 0 }],
    },
  };
}
