import type { AuditEntry } from '../audit/entry';
import type { LedgerEntry } from '../llm/ledger';
import { auditMessage, fromLedgerMessage, ledgerMessage } from './messages';

/** Where dead-lettered entries go so nothing is kept only as a dead letter. */
export interface RescueTargets {
  /** The budget ledger object: stores rows once by call id and carries them on to Postgres. */
  recordLedger(entries: LedgerEntry[]): Promise<unknown>;
  /** A durable store the audit entries wait in until Postgres takes them. */
  keepAudit(entries: AuditEntry[]): Promise<unknown>;
}

/**
 * Ledger and audit entries whose queue message ran out of retries (Postgres was down longer than
 * the retry schedule) are handed to stores that keep them until Postgres is back, instead of
 * resting only in `dead_letters`. Other kinds are left to the dead-letter record.
 */
export async function rescueEntries(
  bodies: unknown[],
  targets: RescueTargets,
): Promise<{ ledger: number; audit: number }> {
  const ledger: LedgerEntry[] = [];
  const audit: AuditEntry[] = [];
  for (const body of bodies) {
    const asLedger = ledgerMessage.safeParse(body);
    if (asLedger.success) ledger.push(...asLedger.data.entries.map(fromLedgerMessage));
    const asAudit = auditMessage.safeParse(body);
    if (asAudit.success) audit.push(...asAudit.data.entries);
  }
  if (ledger.length > 0) await targets.recordLedger(ledger);
  if (audit.length > 0) await targets.keepAudit(audit);
  return { ledger: ledger.length, audit: audit.length };
}
