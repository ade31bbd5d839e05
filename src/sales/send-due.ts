import { and, eq, lt, type SQL, sql } from 'drizzle-orm';
import { EmailSendError, type EmailSender, type EmailSendResult } from '../channels/email';
import { addEvent } from '../crm/lead-store';
import { type LeadRow, leads } from '../db/crm-schema';
import type { D1Db } from '../db/d1';
import { type EnrolmentRow, enrolments, type SequenceRow, sends, sequences } from '../db/sales-schema';
import { patternsForPrompt } from '../learning/insight-store';
import { errorMessage } from '../lib/error-message';
import { composeEmail } from './compose-email';
import { type ChatClient, personalise } from './personalise';
import { isSuppressed, tokenFor, unsubscribeUrl } from './unsubscribe';

/** Enrolments looked at per run; a backlog drains over the following runs. */
export const SEND_BATCH = 200;

export interface SalesDeps {
  db: D1Db;
  email: EmailSender;
  /** Optional: without it every step goes out as its plain template. */
  llm?: ChatClient;
  publicBaseUrl: string;
  requestId: string;
}

export interface SendReport {
  sent: number;
  notDue: number;
  /** Taken by a concurrent run, or already sent. */
  skipped: number;
  suppressed: number;
  failed: number;
  retryLater: number;
  /**
   * Steps a run claimed and never finished (it died between the claim and the outcome), taken
   * over once the claim was stale and sent again under the same idempotency key.
   */
  recovered: number;
  personalised: number;
  fallbacks: number;
  dryRun: number;
  costMicros: number;
}

const emptyReport = (): SendReport => ({
  sent: 0,
  notDue: 0,
  skipped: 0,
  suppressed: 0,
  failed: 0,
  retryLater: 0,
  recovered: 0,
  personalised: 0,
  fallbacks: 0,
  dryRun: 0,
  costMicros: 0,
});

/** When the enrolment's next step may go out: its delay after the previous send (or enrolment). */
export function dueAt(enrolment: EnrolmentRow, sequence: SequenceRow): number | undefined {
  const step = sequence.steps[enrolment.nextStep];
  if (!step) return undefined;
  const from = enrolment.nextStep === 0 ? enrolment.enrolledAt : (enrolment.lastSentAt ?? enrolment.enrolledAt);
  return from + step.delayMinutes * 60_000;
}

const sendKey = (sequenceId: string, leadId: string, step: number) => `sales/${sequenceId}/${leadId}/${step}`;

/**
 * How old a claim must be before another run may take it over. No run lives this long (a
 * scheduled Worker gets at most 15 minutes), so an older claim was left by a run that died; the
 * provider's idempotency key (kept for 24 hours) stops a repeat of a send that did go out.
 */
export const STALE_CLAIM_MS = 30 * 60_000;

type Claim = 'claimed' | 'recovered' | 'taken';

/** Claims the (lead, sequence, step) row: fresh, taken over from a dead run, or held by another. */
async function claim(db: D1Db, enrolment: EnrolmentRow, now: number): Promise<Claim> {
  const { leadId, sequenceId, nextStep: step } = enrolment;
  const rows = await db
    .insert(sends)
    .values({ leadId, sequenceId, step, status: 'claimed', claimedAt: now })
    .onConflictDoNothing()
    .returning({ id: sends.id })
    .all();
  if (rows.length > 0) return 'claimed';
  // One statement, so of two runs that find the same stale claim only one takes it.
  const taken = await db
    .update(sends)
    .set({ claimedAt: now })
    .where(
      and(
        eq(sends.leadId, leadId),
        eq(sends.sequenceId, sequenceId),
        eq(sends.step, step),
        eq(sends.status, 'claimed'),
        lt(sends.claimedAt, now - STALE_CLAIM_MS),
      ),
    )
    .returning({ id: sends.id })
    .all();
  return taken.length > 0 ? 'recovered' : 'taken';
}

async function sendStep(
  deps: SalesDeps,
  row: { enrolment: EnrolmentRow; sequence: SequenceRow; lead: LeadRow },
  now: number,
  report: SendReport,
  patterns: string[],
): Promise<void> {
  const { db } = deps;
  const { enrolment, sequence, lead } = row;
  const stepIndex = enrolment.nextStep;
  const step = sequence.steps[stepIndex];
  if (!step) return;
  if (await isSuppressed(db, lead.email)) {
    await db
      .update(enrolments)
      .set({ status: 'unsubscribed', updatedAt: now })
      .where(eq(enrolments.id, enrolment.id))
      .run();
    report.suppressed += 1;
    return;
  }
  const claimed = await claim(db, enrolment, now);
  if (claimed === 'taken') {
    report.skipped += 1;
    return;
  }
  if (claimed === 'recovered') report.recovered += 1;
  let opening: string | undefined;
  if (step.personalise && deps.llm) {
    const result = await personalise(
      deps.llm,
      { instruction: step.personalise, lead, patterns },
      {
        requestId: deps.requestId,
        sequenceId: sequence.id,
      },
    );
    report.costMicros += result.costMicros;
    if (result.ok) {
      opening = result.opening;
      report.personalised += 1;
    } else report.fallbacks += 1;
  }
  const link = unsubscribeUrl(deps.publicBaseUrl, await tokenFor(db, lead.email, now));
  const message = composeEmail({ lead, step, unsubscribeUrl: link, personalisation: opening });
  const where = and(eq(sends.leadId, lead.id), eq(sends.sequenceId, sequence.id), eq(sends.step, stepIndex));
  let sent: Sent;
  try {
    sent = await deps.email.send({
      ...message,
      idempotencyKey: sendKey(sequence.id, lead.id, stepIndex),
      tags: { sequence: sequence.id, step: String(stepIndex) },
    });
  } catch (error) {
    if (!(error instanceof EmailSendError && error.alreadySent)) {
      await recordFailure(db, { where, enrolmentId: enrolment.id, now }, error, report);
      return;
    }
    // A run that died after this send went out, before recording it, and the content has changed
    // since (a new personalisation): the step is sent, under an id the provider did not repeat.
    sent = { provider: error.provider, messageId: null, dryRun: false };
  }
  const personalised = opening !== undefined;
  const last = stepIndex + 1 >= sequence.steps.length;
  await db.batch([
    db
      .update(sends)
      .set({ status: 'sent', sentAt: now, ...sent, personalised })
      .where(where),
    db
      .update(enrolments)
      .set({
        nextStep: stepIndex + 1,
        lastSentAt: now,
        updatedAt: now,
        error: null,
        ...(last ? { status: 'completed' as const } : {}),
      })
      .where(and(eq(enrolments.id, enrolment.id), eq(enrolments.nextStep, stepIndex))),
  ]);
  await addEvent(
    db,
    lead.id,
    {
      kind: 'outreach',
      data: {
        channel: 'email',
        sequenceId: sequence.id,
        sequence: sequence.name,
        step: stepIndex,
        subject: message.subject,
        ...sent,
        personalised,
      },
    },
    null,
    now,
  );
  report.sent += 1;
  if (sent.dryRun) report.dryRun += 1;
}

/** What the sends row records of a message that went out. */
type Sent = Pick<EmailSendResult, 'provider' | 'dryRun'> & { messageId: string | null };

/**
 * A retryable failure releases the claim for a later run (the idempotency key covers a send that
 * did go out); any other ends the enrolment, as bounced when the address itself was refused.
 */
async function recordFailure(
  db: D1Db,
  claimed: { where: SQL | undefined; enrolmentId: number; now: number },
  error: unknown,
  report: SendReport,
): Promise<void> {
  const { where, enrolmentId, now } = claimed;
  const failure = error instanceof EmailSendError ? error : undefined;
  const text = errorMessage(error).slice(0, 500);
  if (failure?.retryable) {
    await db.batch([
      db.delete(sends).where(and(where, eq(sends.status, 'claimed'))),
      db.update(enrolments).set({ error: text, updatedAt: now }).where(eq(enrolments.id, enrolmentId)),
    ]);
    report.retryLater += 1;
    return;
  }
  const status = failure?.code === 'invalid_recipient' || failure?.status === 422 ? 'bounced' : 'failed';
  await db.batch([
    db.update(sends).set({ status: 'failed', error: text }).where(where),
    db.update(enrolments).set({ status, error: text, updatedAt: now }).where(eq(enrolments.id, enrolmentId)),
  ]);
  report.failed += 1;
}

/** Sends every active enrolment's next step whose delay has passed by `now`. */
export async function sendDueSteps(deps: SalesDeps, now: number, limit = SEND_BATCH): Promise<SendReport> {
  const report = emptyReport();
  const rows = await deps.db
    .select({ enrolment: enrolments, sequence: sequences, lead: leads })
    .from(enrolments)
    .innerJoin(sequences, eq(sequences.id, enrolments.sequenceId))
    .innerJoin(leads, eq(leads.id, enrolments.leadId))
    .where(
      and(
        eq(enrolments.status, 'active'),
        eq(sequences.status, 'active'),
        sql`${enrolments.nextStep} < json_array_length(${sequences.steps})`,
      ),
    )
    .orderBy(enrolments.lastSentAt, enrolments.id)
    .limit(limit)
    .all();
  // What converted lately, read once per run: the same for every lead of the batch.
  const patterns = deps.llm && rows.length > 0 ? await patternsForPrompt(deps.db, 'sales') : [];
  for (const row of rows) {
    const due = dueAt(row.enrolment, row.sequence);
    if (due === undefined || due > now) {
      report.notDue += 1;
      continue;
    }
    await sendStep(deps, row, now, report, patterns);
  }
  return report;
}
