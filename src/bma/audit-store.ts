import { eq } from 'drizzle-orm';
import { bmaAudits } from '../db/bma-schema';
import type { D1Db } from '../db/d1';
import { InvalidInputError, NotFoundError } from '../lib/domain-errors';
import { runAudit } from './audit';
import type { AuditInput } from './audit-input';
import { findEngagement } from './engagements';
import { knowledgeBase } from './knowledge';
import { type ChatClient, wordSummary } from './wording';

/** Who asks for the audit: the client id in the audit row and the LLM call's scope, and the request it came in. */
export interface AuditRequester {
  clientId: string;
  requestId: string;
}

/** One audit; a missing id is a NotFoundError. */
export async function findAudit(db: D1Db, id: string) {
  const row = await db.select().from(bmaAudits).where(eq(bmaAudits.id, id)).get();
  if (!row) throw new NotFoundError('No such audit');
  return row;
}

/**
 * Audits a site and stores the audit. The summary is the rules' wording unless the input asks
 * for the model's (from `llm`, made only then); a failed or refused wording keeps the rules' summary.
 */
export async function createAudit(db: D1Db, llm: () => ChatClient, input: AuditInput, by: AuditRequester) {
  if (input.engagementId && !(await findEngagement(db, input.engagementId))) {
    throw new InvalidInputError('No such engagement', { field: 'engagementId' });
  }
  const result = runAudit(input.site, input.findings, knowledgeBase().items);
  let costMicros = 0;
  let wording: { source: 'rules' | 'llm'; fallback?: string } = { source: 'rules' };
  if (input.wording === 'llm') {
    const worded = await wordSummary(llm(), result, by.requestId, by.clientId);
    if (worded.ok) {
      result.summary = worded.summary;
      costMicros = worded.costMicros;
      wording = { source: 'llm' };
    } else wording = { source: 'rules', fallback: worded.reason };
  }
  const row = await db
    .insert(bmaAudits)
    .values({
      id: crypto.randomUUID(),
      customer: input.customer ?? null,
      engagementId: input.engagementId ?? null,
      site: input.site,
      findings: input.findings,
      result,
      wording: wording.source,
      costMicros,
      createdBy: by.clientId,
      createdAt: Date.now(),
    })
    .returning()
    .get();
  return { row, result, wording, costMicros };
}
