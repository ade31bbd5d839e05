import { z } from 'zod';
import { parseAddress } from './address.ts';

const blank = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const emailProviderIds = ['resend', 'sendgrid'] as const;
export type EmailProviderId = (typeof emailProviderIds)[number];

/** The email variables, spread into the environment schema so a bad value names its variable. */
export const emailEnvironmentShape = {
  EMAIL_PROVIDER: blank(z.enum(emailProviderIds, { error: "must be 'resend' or 'sendgrid'" })),
  EMAIL_API_KEY: blank(z.string().min(8, 'must be at least 8 characters')),
  EMAIL_FROM: blank(
    z
      .string()
      .refine((value) => parseAddress(value) !== undefined, 'must be email@example.com or Name <email@example.com>'),
  ),
  EMAIL_API_URL: blank(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })),
  /** Where links in emails (unsubscribe) point: the Worker's public origin. */
  PUBLIC_BASE_URL: blank(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })),
  /** Resend's webhook signing secret, as its dashboard shows it. */
  RESEND_WEBHOOK_SECRET: blank(
    z.string().regex(/^whsec_[A-Za-z0-9+/]{16,}={0,2}$/, 'must be the signing secret Resend shows, whsec_ and base64'),
  ),
  /** SendGrid's Signed Event Webhook verification key: base64 of the P-256 public key (SubjectPublicKeyInfo). */
  SENDGRID_WEBHOOK_PUBLIC_KEY: blank(
    z.string().regex(/^MF[A-Za-z0-9+/]{80,200}={0,2}$/, 'must be the base64 verification key SendGrid shows (MFkw…)'),
  ),
};

export interface EmailConfig {
  /** Undefined means dry-run: nothing is sent until a provider and its key are configured. */
  provider?: EmailProviderId;
  apiKey?: string;
  from: string;
  baseUrl: string;
  timeoutMs: number;
  publicBaseUrl: string;
  /** What the providers' event webhooks are checked with; each route answers 404 while its own is unset. */
  webhooks: { resendSecret?: string; sendgridPublicKey?: string };
}

const DEFAULT_URL: Record<EmailProviderId, string> = {
  resend: 'https://api.resend.com',
  sendgrid: 'https://api.sendgrid.com',
};
const DEFAULT_FROM = 'AI Empire <no-reply@example.com>';

type EmailVariables = z.output<z.ZodObject<typeof emailEnvironmentShape>>;

export function emailConfigFrom(vars: EmailVariables): EmailConfig {
  const provider = vars.EMAIL_PROVIDER && vars.EMAIL_API_KEY ? vars.EMAIL_PROVIDER : undefined;
  return {
    provider,
    apiKey: provider ? vars.EMAIL_API_KEY : undefined,
    from: vars.EMAIL_FROM ?? DEFAULT_FROM,
    baseUrl: vars.EMAIL_API_URL ?? DEFAULT_URL[vars.EMAIL_PROVIDER ?? 'resend'],
    timeoutMs: 10_000,
    publicBaseUrl: (vars.PUBLIC_BASE_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, ''),
    webhooks: { resendSecret: vars.RESEND_WEBHOOK_SECRET, sendgridPublicKey: vars.SENDGRID_WEBHOOK_PUBLIC_KEY },
  };
}
