import type { EmailProviderId } from './email-config';

export type { EmailProviderId };
/** One email to one recipient; the sales engine sends each lead its own message. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Defaults to the configured sender. `Name <email@example.com>` or a bare address. */
  from?: string;
  replyTo?: string;
  /** Extra headers such as List-Unsubscribe. */
  headers?: Record<string, string>;
  /** Provider-side tags (Resend tags, SendGrid categories/custom_args). */
  tags?: Record<string, string>;
  /** The same key never sends twice where the provider honours it (Resend keeps it 24 h). */
  idempotencyKey?: string;
}

export interface EmailSendResult {
  provider: EmailProviderId | 'dry-run';
  /** The provider's id for the message; `dry-run:<uuid>` when nothing was sent. */
  messageId: string;
  dryRun: boolean;
}

export interface EmailSender {
  readonly provider: EmailProviderId | 'dry-run';
  send(message: EmailMessage): Promise<EmailSendResult>;
}

/** A provider failure in one shape: retryable for 429, 5xx and network errors, not for other 4xx. */
export class EmailSendError extends Error {
  constructor(
    readonly provider: EmailProviderId,
    /** HTTP status, or 0 when no response arrived. */
    readonly status: number,
    /** The provider's error name (`validation_error`, `rate_limit_exceeded`) or `http_<status>`. */
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'EmailSendError';
  }

  /**
   * The provider already sent a message under this idempotency key, with other content (Resend
   * answers 409 `invalid_idempotent_request`): a retry of a send that did go out.
   */
  get alreadySent(): boolean {
    return this.provider === 'resend' && this.status === 409 && this.code === 'invalid_idempotent_request';
  }
}
