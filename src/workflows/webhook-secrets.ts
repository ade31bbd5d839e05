import { eq } from 'drizzle-orm';
import type { D1Db } from '../db/d1';
import { workflowWebhookSecrets } from '../db/d1-schema';
import { UnavailableError } from '../lib/domain-errors';
import { openText, sealText } from '../lib/sealed-text';

const PURPOSE = 'workflow-webhook-secret';

export const DEFAULT_GRACE_MS = 86_400_000;

/** What the owner may see of a workflow's webhook secret: never the secret itself. */
export interface WebhookSecretState {
  createdAt: number;
  /** The secret a rotation replaced, while it still verifies. */
  previousValidUntil: number | null;
}

/** `emp_wh_` and 32 random bytes: the log redactor cuts out anything shaped `emp_…`. */
export function generateWebhookSecret(): string {
  const base64 = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
  return `emp_wh_${base64.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')}`;
}

const findRow = (db: D1Db, workflow: string) =>
  db.select().from(workflowWebhookSecrets).where(eq(workflowWebhookSecrets.workflow, workflow)).get();

const inGrace = (row: { previousSealed: string | null; previousUntil: number | null }, now: number) =>
  row.previousSealed !== null && row.previousUntil !== null && row.previousUntil > now;

/**
 * Creates the workflow's webhook secret, or replaces it: the replaced one keeps verifying for
 * `graceMs` (0 ends it at once), so senders can switch without a missed delivery. One replaced
 * secret is kept: a second rotation within the grace ends the first one's.
 */
export async function rotateWebhookSecret(
  db: D1Db,
  sealingSecret: string,
  workflow: string,
  graceMs: number,
  now = Date.now(),
): Promise<{ secret: string; state: WebhookSecretState }> {
  const secret = generateWebhookSecret();
  const sealed = await sealText(sealingSecret, PURPOSE, workflow, secret);
  const existing = await findRow(db, workflow);
  const previousSealed = existing && graceMs > 0 ? existing.sealed : null;
  const previousUntil = previousSealed ? now + graceMs : null;
  const row = { sealed, createdAt: now, previousSealed, previousUntil };
  await db
    .insert(workflowWebhookSecrets)
    .values({ workflow, ...row })
    .onConflictDoUpdate({ target: workflowWebhookSecrets.workflow, set: row });
  return { secret, state: { createdAt: now, previousValidUntil: previousUntil } };
}

export async function webhookSecretState(
  db: D1Db,
  workflow: string,
  now = Date.now(),
): Promise<WebhookSecretState | undefined> {
  const row = await findRow(db, workflow);
  if (!row) return undefined;
  return { createdAt: row.createdAt, previousValidUntil: inGrace(row, now) ? row.previousUntil : null };
}

/** Removes the secret (and any replaced one still in grace): the webhook refuses every delivery. */
export async function revokeWebhookSecret(db: D1Db, workflow: string): Promise<boolean> {
  const removed = await db
    .delete(workflowWebhookSecrets)
    .where(eq(workflowWebhookSecrets.workflow, workflow))
    .returning({ workflow: workflowWebhookSecrets.workflow });
  return removed.length > 0;
}

/**
 * The secrets a delivery to `workflow` may be signed with now: the current one, and the replaced
 * one during its grace. Undefined when none is set.
 */
export async function verifyingSecrets(
  db: D1Db,
  sealingSecret: string,
  workflow: string,
  now = Date.now(),
): Promise<string[] | undefined> {
  const row = await findRow(db, workflow);
  if (!row) return undefined;
  const sealed = inGrace(row, now) && row.previousSealed ? [row.sealed, row.previousSealed] : [row.sealed];
  const opened = await Promise.all(sealed.map((value) => openText(sealingSecret, PURPOSE, workflow, value)));
  const secrets = opened.filter((secret): secret is string => secret !== undefined);
  if (!opened[0])
    throw new UnavailableError(
      `The webhook secret of ${workflow} was sealed with another WORKFLOW_WEBHOOK_KEY; create a new one`,
    );
  return secrets;
}
