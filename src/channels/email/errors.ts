import { errorMessage } from '../../lib/error-message';
import { type EmailProviderId, EmailSendError } from './types';

const MAX_MESSAGE = 500;

function retryAfter(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

interface ProviderError {
  code: string;
  message: string;
}

function readResend(body: unknown): ProviderError | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { name, message } = body as { name?: unknown; message?: unknown };
  if (typeof message !== 'string') return undefined;
  return { code: typeof name === 'string' ? name : 'error', message };
}

function readSendgrid(body: unknown): ProviderError | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { errors } = body as { errors?: unknown };
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const messages = errors
    .map((item: unknown) => {
      if (typeof item !== 'object' || item === null) return undefined;
      const { message, field } = item as { message?: unknown; field?: unknown };
      if (typeof message !== 'string') return undefined;
      return typeof field === 'string' && field ? `${field}: ${message}` : message;
    })
    .filter((text): text is string => text !== undefined);
  return messages.length > 0 ? { code: 'validation_error', message: messages.join('; ') } : undefined;
}

/** Turns a non-2xx provider answer into an EmailSendError carrying the provider's own message. */
export async function providerError(provider: EmailProviderId, response: Response): Promise<EmailSendError> {
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const parsed = provider === 'resend' ? readResend(body) : readSendgrid(body);
  const status = response.status;
  const retryable = status === 429 || status >= 500;
  const code = status === 429 && provider === 'sendgrid' ? 'rate_limit_exceeded' : (parsed?.code ?? `http_${status}`);
  const message = (parsed?.message ?? (text || response.statusText || `HTTP ${status}`)).slice(0, MAX_MESSAGE);
  return new EmailSendError(provider, status, code, message, retryable, retryAfter(response));
}

/** A fetch that never reached the provider (DNS, reset, timeout) is worth another try. */
export function networkError(provider: EmailProviderId, error: unknown): EmailSendError {
  const message = errorMessage(error);
  return new EmailSendError(provider, 0, 'network_error', message.slice(0, MAX_MESSAGE), true);
}
