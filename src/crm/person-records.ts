import { asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { anonymiseDailySpend } from '../budget/ledger-rollup';
import { auditLog } from '../db/audit-schema';
import { conversations, messages, spendLedger, spendLedgerDaily } from '../db/pg-schema';
import type { PostgresDatabase } from '../db/postgres';

/** What identifies a lead in free text: its id, its address and (when long enough to mean them) its name. */
export interface Person {
  leadId: string;
  email: string;
  name: string;
}

// A short name ("Al", "Bo") would match words of unrelated records; only a name this long is searched.
export const MIN_NAME_LENGTH = 5;

export function personTerms(person: Person): string[] {
  const name = person.name.trim().toLowerCase();
  const terms = [person.leadId.toLowerCase(), person.email.trim().toLowerCase()];
  return name.length >= MIN_NAME_LENGTH ? [...terms, name] : terms;
}

/** The text (lower-cased) contains any of the terms; strpos, so no LIKE wildcard in a term matters. */
function mentions(text: SQL | AnyPgColumn, terms: string[]): SQL {
  return or(...terms.map((term) => sql`strpos(lower(${text}), ${term}) > 0`)) as SQL;
}

const auditNaming = (person: Person, terms: string[]) =>
  or(
    sql`${auditLog.targetType} = 'leads' and ${auditLog.targetId} = ${person.leadId}`,
    mentions(sql`${auditLog.details}::text`, terms),
  );
const ledgerNaming = (person: Person, terms: string[]) =>
  or(
    sql`lower(${spendLedger.endUser}) = ${person.email.trim().toLowerCase()}`,
    mentions(sql`${spendLedger.metadata}::text`, terms),
  );

/**
 * What Postgres holds that names the person: the model conversations that mention them, the
 * audit entries about their lead or naming them, the ledger rows whose end user or labels are
 * theirs, and the folded ledger days of their end user.
 */
export async function postgresRecordsOf(db: PostgresDatabase, person: Person) {
  const terms = personTerms(person);
  const [said, titled, audit, ledger, days] = await Promise.all([
    db
      .select({
        conversationId: messages.conversationId,
        role: messages.role,
        content: messages.content,
        at: messages.createdAt,
      })
      .from(messages)
      .where(mentions(messages.content, terms))
      .orderBy(asc(messages.createdAt)),
    db
      .select({ id: conversations.id, title: conversations.title, agent: conversations.agent })
      .from(conversations)
      .where(mentions(conversations.title, terms)),
    db
      .select({
        at: auditLog.at,
        action: auditLog.action,
        actorId: auditLog.actorId,
        outcome: auditLog.outcome,
        details: auditLog.details,
      })
      .from(auditLog)
      .where(auditNaming(person, terms))
      .orderBy(asc(auditLog.id)),
    db
      .select({
        callId: spendLedger.callId,
        at: spendLedger.at,
        model: spendLedger.model,
        costMicros: spendLedger.costMicros,
        endUser: spendLedger.endUser,
        metadata: spendLedger.metadata,
      })
      .from(spendLedger)
      .where(ledgerNaming(person, terms))
      .orderBy(asc(spendLedger.at)),
    db
      .select({
        day: spendLedgerDaily.day,
        model: spendLedgerDaily.model,
        calls: spendLedgerDaily.calls,
        costMicros: spendLedgerDaily.costMicros,
      })
      .from(spendLedgerDaily)
      .where(sql`lower(${spendLedgerDaily.endUser}) = ${person.email.trim().toLowerCase()}`)
      .orderBy(asc(spendLedgerDaily.day)),
  ]);
  const iso = <T extends { at: Date }>(row: T) => ({ ...row, at: row.at.toISOString() });
  return {
    messages: said.map(iso),
    conversations: titled,
    auditEntries: audit.map(iso),
    ledgerCalls: ledger.map(iso),
    ledgerDays: days,
  };
}

/**
 * Removes the person from Postgres in one transaction: the messages naming them and the
 * conversations titled after them go; audit entries keep who did what and when, without their
 * details; ledger rows keep their cost, without the end user or labels that named them.
 */
export async function erasePostgresRecords(db: PostgresDatabase, person: Person) {
  const terms = personTerms(person);
  return db.transaction(async (tx) => {
    const titled = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(mentions(conversations.title, terms));
    const titledIds = titled.map((row) => row.id);
    const gone = await tx
      .delete(messages)
      .where(
        titledIds.length > 0
          ? or(mentions(messages.content, terms), inArray(messages.conversationId, titledIds))
          : mentions(messages.content, terms),
      )
      .returning({ id: messages.id });
    if (titledIds.length > 0) await tx.delete(conversations).where(inArray(conversations.id, titledIds));
    const audit = await tx
      .update(auditLog)
      .set({ details: {} })
      .where(auditNaming(person, terms))
      .returning({ id: auditLog.id });
    const byUser = await tx
      .update(spendLedger)
      .set({ endUser: null })
      .where(eq(sql`lower(${spendLedger.endUser})`, person.email.trim().toLowerCase()))
      .returning({ id: spendLedger.id });
    const byLabel = await tx
      .update(spendLedger)
      .set({ metadata: null })
      .where(mentions(sql`${spendLedger.metadata}::text`, terms))
      .returning({ id: spendLedger.id });
    const days = await anonymiseDailySpend(tx, person.email);
    return {
      messages: gone.length,
      conversations: titledIds.length,
      auditEntriesCleared: audit.length,
      ledgerRowsAnonymised: new Set([...byUser, ...byLabel].map((row) => row.id)).size + days,
    };
  });
}
