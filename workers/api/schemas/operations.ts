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

const TableEntrySchema = z.object({
  table: z.string(),
  key: z.string(),
  rows: z.number(),
  bytes: z.number(),
  sha256: z.string(),
});

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
  })
  .openapi('BackupManifest');

export const BackupListSchema = z.object({ backups: z.array(BackupManifestSchema) }).openapi('BackupList');

const restoredTables = z.array(z.object({ table: z.string(), rows: z.number() })).nullable();

export const RestoreResultSchema = z
  .object({ id: z.string(), d1: restoredTables, postgres: restoredTables })
  .openapi('RestoreResult');
