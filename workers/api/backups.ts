import { createRoute, z } from '@hono/zod-openapi';
import { RestoreConflict } from '../../src/backup/d1-backup';
import { BACKUP_ID, listBackups } from '../../src/backup/manifest';
import { SCHEMA_NAME } from '../../src/backup/postgres-backup';
import { DamagedBackup, restoreBackup } from '../../src/backup/restore';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { ErrorSchema, errorResponses, jsonResponse } from '../http/responses';
import { BackupListSchema, RestoreResultSchema } from './schemas/operations';

const restoreBody = z
  .object({
    d1Binding: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{0,40}$/, 'must be the name of a D1 binding, e.g. RESTORE_DB')
      .optional()
      .describe('A D1 binding of this Worker holding an empty database'),
    postgresSchema: z
      .string()
      .regex(SCHEMA_NAME, 'must be a lower-case schema name')
      .optional()
      .describe('A new schema (created) or an empty migrated one, in DATABASE_URL'),
  })
  .strict()
  .refine((body) => body.d1Binding || body.postgresSchema, 'name a D1 binding, a Postgres schema, or both');

function isD1(value: unknown): value is D1Database {
  return typeof value === 'object' && value !== null && 'prepare' in value && 'batch' in value && 'exec' in value;
}

function bucketOr503(env: Env): R2Bucket {
  if (!env.BACKUPS) throw new AppError('unavailable', 'No R2 bucket is bound as BACKUPS');
  return env.BACKUPS;
}

export const backupRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/backups',
      middleware: [requireRole('owner', 'operator')] as const,
      summary: 'Finished backups, newest first, with their manifests (tables, rows, sha-256, migrations)',
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }) },
      responses: { 200: jsonResponse(BackupListSchema, 'Backups'), ...errorResponses },
    }),
    async (c) => {
      const manifests = await listBackups(bucketOr503(c.env), c.req.valid('query').limit);
      return c.json({ backups: manifests }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/backups/{id}/restore',
      middleware: [requireRole('owner')] as const,
      summary: 'Restore a backup into an empty D1 database and/or a fresh Postgres schema',
      description:
        'Every object is checked against its sha-256 first. Targets must be empty: a restore never overwrites rows.',
      request: {
        params: z.object({ id: z.string().regex(BACKUP_ID, 'not a backup id') }),
        body: { content: { 'application/json': { schema: restoreBody } }, required: true },
      },
      responses: {
        200: jsonResponse(RestoreResultSchema, 'Rows restored per table'),
        ...errorResponses,
        409: jsonResponse(ErrorSchema, 'A target is not empty, or the backup is damaged'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const bindings = c.env as unknown as Record<string, unknown>;
      const d1 = body.d1Binding === undefined ? undefined : bindings[body.d1Binding];
      if (body.d1Binding !== undefined && !isD1(d1))
        throw new AppError('invalid_request', `${body.d1Binding} is not a D1 binding of this Worker`);
      const postgres = c.var.services.postgres();
      if (body.postgresSchema && !postgres)
        throw new AppError('unavailable', 'Postgres is not configured (DATABASE_URL)');
      try {
        const result = await restoreBackup(bucketOr503(c.env), id, {
          d1: d1 as D1Database | undefined,
          erasuresFrom: c.env.DB,
          postgres: body.postgresSchema && postgres ? { pool: postgres.pool, schema: body.postgresSchema } : undefined,
        });
        if (!result) throw new AppError('not_found', `No finished backup ${id}`);
        c.var.log.warn('backup restored', { id, d1Binding: body.d1Binding, postgresSchema: body.postgresSchema });
        return c.json(result, 200);
      } catch (error) {
        if (error instanceof RestoreConflict || error instanceof DamagedBackup)
          throw new AppError('conflict', error.message);
        throw error;
      }
    },
  );
