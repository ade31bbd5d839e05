import type { EnrolmentRow, SegmentRow, SendRow, SequenceRow } from '../db/sales-schema';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const presentSegment = (row: SegmentRow) => ({
  id: row.id,
  name: row.name,
  rules: row.rules,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

export const presentSequence = (row: SequenceRow) => ({
  id: row.id,
  name: row.name,
  segmentId: row.segmentId,
  status: row.status,
  steps: row.steps.map(({ delayMinutes, ...step }, index) => ({ index, delayHours: delayMinutes / 60, ...step })),
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

export const presentEnrolment = (row: EnrolmentRow, stepCount?: number) => ({
  leadId: row.leadId,
  sequenceId: row.sequenceId,
  status: row.status,
  nextStep: row.nextStep,
  ...(stepCount === undefined ? {} : { stepCount }),
  enrolledAt: iso(row.enrolledAt),
  lastSentAt: iso(row.lastSentAt),
  updatedAt: iso(row.updatedAt),
  error: row.error,
});

export const presentSend = (row: SendRow) => ({
  leadId: row.leadId,
  sequenceId: row.sequenceId,
  step: row.step,
  status: row.status,
  claimedAt: iso(row.claimedAt),
  sentAt: iso(row.sentAt),
  provider: row.provider,
  messageId: row.messageId,
  dryRun: row.dryRun,
  personalised: row.personalised,
  error: row.error,
});
