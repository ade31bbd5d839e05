import { z } from '@hono/zod-openapi';
import { isoTime } from '../../http/responses';

export const AuditEntrySchema = z
  .object({
    id: z.number(),
    at: isoTime,
    actor: z.object({
      kind: z.string(),
      id: z.string(),
      role: z.string().nullable(),
      keyPrefix: z.string().nullable(),
    }),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string().nullable() }).nullable(),
    outcome: z.string(),
    status: z.number().nullable(),
    costMicros: z.number(),
    requestId: z.string().nullable(),
    // Each action notes its own facts (counts, ids, kinds); redacted before they are stored.
    details: z.record(z.string(), z.unknown()).describe('Free-form facts the action noted, redacted'),
  })
  .openapi('AuditEntry');

export const AuditPageSchema = z
  .object({ items: z.array(AuditEntrySchema), nextCursor: z.string().nullable() })
  .openapi('AuditPage');

const WrittenObjectSchema = z.object({ key: z.string(), rows: z.number(), bytes: z.number(), sha256: z.string() });
const TableEntrySchema = WrittenObjectSchema.extend({ table: z.string() });
const durableObjectClass = z.enum(['BudgetLedger', 'BrainAgent', 'SwarmRun']);

export const BackupManifestSchema = z
  .object({
    id: z.string(),
    format: z.literal('ndjson'),
    startedAt: isoTime,
    endedAt: isoTime,
    d1: z.object({
      schema: z.array(z.object({ type: z.string(), name: z.string(), sql: z.string() })),
      migrations: z.array(z.string()),
      tables: z.array(TableEntrySchema),
    }),
    postgres: z
      .object({
        schema: z.string(),
        migrations: z.object({ count: z.number(), lastHash: z.string().nullable(), lastAt: z.number().nullable() }),
        tables: z.array(TableEntrySchema),
      })
      .nullable(),
    durableObjects: z
      .array(WrittenObjectSchema.extend({ class: durableObjectClass, name: z.string(), schemaVersion: z.number() }))
      .optional()
      .describe('The budget ledger, every agent and the swarm runs not ended, each with its schema version'),
    chroma: z
      .array(
        WrittenObjectSchema.extend({
          collection: z.string(),
          metadata: z.record(z.string(), z.unknown()).nullable(),
          space: z.string().nullable(),
        }),
      )
      .nullable()
      .optional()
      .describe('Chroma collections (ids, documents, metadatas, embeddings); null without Chroma'),
  })
  .openapi('BackupManifest');

export const BackupListSchema = z.object({ backups: z.array(BackupManifestSchema) }).openapi('BackupList');

const restoredTables = z.array(z.object({ table: z.string(), rows: z.number() })).nullable();

export const RestoreResultSchema = z
  .object({
    id: z.string(),
    d1: restoredTables,
    postgres: restoredTables,
    durableObjects: z.array(z.object({ class: durableObjectClass, name: z.string(), rows: z.number() })).nullable(),
    chroma: z.array(z.object({ collection: z.string(), rows: z.number() })).nullable(),
  })
  .openapi('RestoreResult');
