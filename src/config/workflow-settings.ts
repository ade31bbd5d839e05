import { z } from 'zod';

// The workflows' own variables, each with a default so a deployment sets only what it changes.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
const whole = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(min)
    .max(max)
    .default(fallback);

export const workflowVariables = {
  WORKFLOW_RETRY_BASE_MS: whole(0, 5_000, 500),
  GUMROAD_WEBHOOK_SECRET: optional(z.string().regex(/^[A-Za-z0-9_-]{16,200}$/, 'must be 16-200 of A-Z a-z 0-9 _ -')),
  GUMROAD_SELLER_ID: optional(z.string().min(1).max(200)),
};

const variablesSchema = z.object(workflowVariables);
type Vars = z.output<typeof variablesSchema>;

export interface WorkflowSettings {
  /** First backoff between attempts of a workflow step. */
  retryBaseMs: number;
  /** Gumroad pings: the secret in the ping URL and the seller they must name; undefined turns the webhook off. */
  gumroad?: { webhookSecret: string; sellerId: string };
}

export function workflowSettings(vars: Vars): WorkflowSettings {
  return {
    retryBaseMs: vars.WORKFLOW_RETRY_BASE_MS,
    gumroad:
      vars.GUMROAD_WEBHOOK_SECRET && vars.GUMROAD_SELLER_ID
        ? { webhookSecret: vars.GUMROAD_WEBHOOK_SECRET, sellerId: vars.GUMROAD_SELLER_ID }
        : undefined,
  };
}
