import { z } from 'zod';
import { redact } from '../observability/redact';

export const actorKinds = ['api_key', 'jwt', 'webhook', 'agent', 'system'] as const;
export const outcomes = ['ok', 'refused', 'failed'] as const;

const text = (max: number) => z.string().min(1).max(max);

/** One audit entry as it travels on the queue; the consumer inserts it once by `entryId`. */
export const auditEntrySchema = z.object({
  entryId: z.uuid(),
  at: z.number().int(),
  actor: z.object({
    kind: z.enum(actorKinds),
    id: text(128),
    role: text(32).optional(),
    keyPrefix: text(16).optional(),
  }),
  action: text(200),
  target: z.object({ type: text(64), id: text(200).optional() }).optional(),
  outcome: z.enum(outcomes),
  status: z.number().int().min(100).max(599).optional(),
  costMicros: z.number().int().nonnegative(),
  requestId: text(200).optional(),
  details: z.record(z.string(), z.unknown()),
});

export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditInput = Omit<AuditEntry, 'entryId' | 'at' | 'costMicros' | 'details'> & {
  at?: number;
  costMicros?: number;
  details?: Record<string, unknown>;
};

export interface AuditWriter {
  record(entry: AuditInput): void;
}

/** A request's audit log: entries recorded, then kept durably before the request answers. */
export interface AuditTrail extends AuditWriter {
  /** Stores the entries recorded so far; never throws (a failure is logged, and retried on flush). */
  keep(): Promise<void>;
}

// Details are a note, not a payload: a few keys, each short.
const MAX_DETAILS_CHARS = 2_000;
// C0/C1 controls, bidi overrides and zero-width characters: stored ids and names stay printable.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A string fit for an audit column: secrets cut out, unprintable characters dropped, bounded. */
export function cleanText(value: string, max: number): string {
  const cleaned = String(redact(value)).replace(UNPRINTABLE, '').replace(LONE_SURROGATE, '\ufffd');
  return cleaned.length > max ? `${cleaned.slice(0, max - 1)}…` : cleaned;
}

function cleanDetails(details: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!details) return {};
  const safe = redact(details) as Record<string, unknown>;
  const json = JSON.stringify(safe);
  return json.length <= MAX_DETAILS_CHARS ? safe : { truncated: true, keys: Object.keys(safe).slice(0, 20) };
}

/** Fills the defaults and makes every free-text field safe; the only way an entry is built. */
export function auditEntry(input: AuditInput): AuditEntry {
  const { actor, target } = input;
  return {
    entryId: crypto.randomUUID(),
    at: input.at ?? Date.now(),
    actor: {
      kind: actor.kind,
      id: cleanText(actor.id, 128) || 'unknown',
      ...(actor.role ? { role: cleanText(actor.role, 32) } : {}),
      // Only ever a key's prefix: twelve characters at most, whatever the caller passed.
      ...(actor.keyPrefix ? { keyPrefix: actor.keyPrefix.slice(0, 12) } : {}),
    },
    action: cleanText(input.action, 200) || 'unknown',
    ...(target
      ? {
          target: {
            type: cleanText(target.type, 64) || 'unknown',
            ...(target.id ? { id: cleanText(target.id, 200) || 'unknown' } : {}),
          },
        }
      : {}),
    outcome: input.outcome,
    ...(input.status === undefined ? {} : { status: input.status }),
    costMicros: Math.max(0, Math.round(input.costMicros ?? 0)),
    ...(input.requestId ? { requestId: cleanText(input.requestId, 200) } : {}),
    details: cleanDetails(input.details),
  };
}

/** What a handler may add to its call's audit entry: the target it created, an actor it proved, a detail. */
export interface AuditNote {
  actor?: AuditInput['actor'];
  target?: { type: string; id?: string };
  details?: Record<string, unknown>;
}
