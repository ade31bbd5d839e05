import { and, desc, eq, gte, like, lt, or, type SQL } from 'drizzle-orm';
import { auditLog } from '../db/audit-schema';
import type { PostgresDatabase } from '../db/postgres';
import type { AuditEntry } from './entry';

/** Inserts a batch in one statement; an entry already written (a redelivered batch) is skipped. */
export async function writeAuditEntries(db: PostgresDatabase, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insert(auditLog)
    .values(
      entries.map((entry) => ({
        entryId: entry.entryId,
        at: new Date(entry.at),
        actorKind: entry.actor.kind,
        actorId: entry.actor.id,
        actorRole: entry.actor.role ?? null,
        actorKeyPrefix: entry.actor.keyPrefix ?? null,
        action: entry.action,
        targetType: entry.target?.type ?? null,
        targetId: entry.target?.id ?? null,
        outcome: entry.outcome,
        status: entry.status ?? null,
        costMicros: entry.costMicros,
        requestId: entry.requestId ?? null,
        details: entry.details,
      })),
    )
    .onConflictDoNothing({ target: auditLog.entryId });
}

export interface AuditFilter {
  /** A client id (`key-…`, `dev-owner`, `telegram`) or a key prefix. */
  actor?: string;
  /** An exact action, or a prefix when it ends with `*` (`agent.*`, `POST /api/crm/*`). */
  action?: string;
  /** `type` or `type:id`. */
  target?: string;
  from?: Date;
  to?: Date;
  /** Entries older than this id (the previous page's last). */
  before?: number;
  limit: number;
}

export type AuditRow = typeof auditLog.$inferSelect;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** Newest first; one more row than asked for tells whether there is a next page. */
export async function queryAudit(
  db: PostgresDatabase,
  filter: AuditFilter,
): Promise<{ rows: AuditRow[]; next?: number }> {
  const where: (SQL | undefined)[] = [];
  if (filter.actor) where.push(or(eq(auditLog.actorId, filter.actor), eq(auditLog.actorKeyPrefix, filter.actor)));
  if (filter.action?.endsWith('*')) {
    // Backslash is Postgres' default LIKE escape, so % and _ in the filter match themselves.
    where.push(like(auditLog.action, `${escapeLike(filter.action.slice(0, -1))}%`));
  } else if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.target) {
    const at = filter.target.indexOf(':');
    if (at < 0) where.push(eq(auditLog.targetType, filter.target));
    else {
      where.push(eq(auditLog.targetType, filter.target.slice(0, at)));
      where.push(eq(auditLog.targetId, filter.target.slice(at + 1)));
    }
  }
  if (filter.from) where.push(gte(auditLog.at, filter.from));
  if (filter.to) where.push(lt(auditLog.at, filter.to));
  if (filter.before !== undefined) where.push(lt(auditLog.id, filter.before));
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(filter.limit + 1);
  if (rows.length <= filter.limit) return { rows };
  const page = rows.slice(0, filter.limit);
  return { rows: page, next: page.at(-1)?.id };
}
