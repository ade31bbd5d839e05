import { z } from 'zod';
import { parseAddress } from '../channels/email/address.ts';

const blank = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** Where alerts go besides the owner's Telegram chat; spread into the environment schema. */
export const alertVariables = {
  ALERT_EMAIL_TO: blank(
    z
      .string()
      .refine((value) => parseAddress(value) !== undefined, 'must be email@example.com or Name <email@example.com>'),
  ),
  ALERT_WEBHOOK_URL: blank(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })),
  ALERT_WEBHOOK_SECRET: blank(z.string().min(32, 'must be at least 32 characters (openssl rand -hex 32)')),
};

type Vars = z.output<z.ZodObject<typeof alertVariables>> & { ENVIRONMENT: string };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Alerts carry figures of the business: over the network they travel encrypted. */
const plainHttpOffMachine = (url: string | undefined) =>
  url?.startsWith('http:') === true && !LOOPBACK.has(new URL(url).hostname);

/** A webhook needs its secret (an unsigned alert could be forged), and TLS outside development. */
export function alertProblems(vars: Vars): { name: keyof typeof alertVariables; problem: string }[] {
  const problems: { name: keyof typeof alertVariables; problem: string }[] = [];
  if (vars.ALERT_WEBHOOK_URL && !vars.ALERT_WEBHOOK_SECRET)
    problems.push({ name: 'ALERT_WEBHOOK_SECRET', problem: 'must be set with ALERT_WEBHOOK_URL' });
  if (vars.ALERT_WEBHOOK_SECRET && !vars.ALERT_WEBHOOK_URL)
    problems.push({ name: 'ALERT_WEBHOOK_URL', problem: 'must be set with ALERT_WEBHOOK_SECRET' });
  if (plainHttpOffMachine(vars.ALERT_WEBHOOK_URL) && vars.ENVIRONMENT !== 'development')
    problems.push({ name: 'ALERT_WEBHOOK_URL', problem: 'must be an https URL outside development' });
  return problems;
}

export interface AlertSettings {
  /** One address that receives every alert through the product's e-mail provider (a dry run without one). */
  emailTo?: string;
  /** A receiver that gets every alert as signed JSON. */
  webhook?: { url: string; secret: string };
}

export function alertSettings(vars: Vars): AlertSettings {
  return {
    emailTo: vars.ALERT_EMAIL_TO,
    webhook:
      vars.ALERT_WEBHOOK_URL && vars.ALERT_WEBHOOK_SECRET
        ? { url: vars.ALERT_WEBHOOK_URL, secret: vars.ALERT_WEBHOOK_SECRET }
        : undefined,
  };
}
