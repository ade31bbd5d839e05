import { createRoute, z } from '@hono/zod-openapi';
import { BACKUP_ID, listBackups } from '../../src/backup/manifest';
import { SCHEMA_NAME } from '../../src/backup/postgres-backup';
import { restoreBackup } from '../../src/backup/restore';
import { chromaCollections, durableObjectsPort } from '../backup-port';
import { requireRole } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';
import { ErrorSchema, errorResponses, jsonResponse } from '../http/responses';
import { BackupListSchema, RestoreResultSchema } from './schemas/operations';

const restoreBody = z
  .object({
    d1Binding: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{0,40}$/, 'must be the name of a D1 binding, e.g. DB_RESTORE')
      .optional()
      .describe('A D1 binding of this Worker holding an empty database; DB_RESTORE is declared for this'),
    postgresSchema: z
      .string()
      .regex(SCHEMA_NAME, 'must be a lower-case schema name')
      .optional()
      .describe('A new schema (created) or an empty migrated one, in DATABASE_URL'),
    durableObjects: z
      .boolean()
      .optional()
      .describe(
        'true replaces the live budget ledger, agents and unfinished swarm runs with the backup, and resumes them',
      ),
    chromaPrefix: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be 1-40 of a-z 0-9 _ - starting with a letter or digit')
      .optional()
      .describe('Each Chroma collection comes back as a new collection named prefix + its name'),
  })
  .strict()
  .refine(
    (body) => body.d1Binding || body.postgresSchema || body.durableObjects || body.chromaPrefix,
    'name a D1 binding, a Postgres schema, durableObjects or a Chroma prefix',
  );

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
      summary: 'Restore a backup into an empty D1 database, a fresh Postgres schema, the Durable Objects and Chroma',
      description:
        "Every object is checked against its sha-256 first. D1, Postgres and Chroma targets must be empty or new: a restore never overwrites rows there. durableObjects replaces the live objects' state (a Durable Object dump of a schema version this code does not know is refused). DB_RESTORE is the D1 binding declared for restores.",
      request: {
        params: z.object({ id: z.string().regex(BACKUP_ID, 'not a backup id') }),
        body: { content: { 'application/json': { schema: restoreBody } }, required: true },
      },
      responses: {
        200: jsonResponse(RestoreResultSchema, 'Rows restored per table'),
        ...errorResponses,
        409: jsonResponse(ErrorSchema, 'A target is not empty, the backup is damaged, or of an unknown schema version'),
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
      const chroma = body.chromaPrefix === undefined ? undefined : chromaCollections(c.var.config);
      if (body.chromaPrefix !== undefined && !chroma)
        throw new AppError('unavailable', 'Chroma is not configured (CHROMA_URL)');
      const result = await restoreBackup(bucketOr503(c.env), id, {
        d1: d1 as D1Database | undefined,
        erasuresFrom: c.env.DB,
        postgres: body.postgresSchema && postgres ? { pool: postgres.pool, schema: body.postgresSchema } : undefined,
        durableObjects: body.durableObjects
          ? { port: durableObjectsPort(c.env, c.var.services), namePrefix: '', resume: true }
          : undefined,
        chroma: chroma && body.chromaPrefix !== undefined ? { client: chroma, prefix: body.chromaPrefix } : undefined,
      });
      if (!result) throw new AppError('not_found', `No finished backup ${id}`);
      const { manifest, ...restored } = result;
      c.var.log.warn('backup restored', { id, ...body, objects: manifest.durableObjects?.length ?? 0 });
      return c.json(restored, 200);
    },
  );
