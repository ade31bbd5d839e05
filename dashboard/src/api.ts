import type { Session } from './session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The request field the API refused, when it names one. */
    readonly param: string | null = null,
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
}

/** A refusal names its field in `details.param`; a validation failure in its first issue's path. */
function paramOf(details: unknown): string | null {
  const first = Array.isArray(details) ? (details[0] as unknown) : details;
  if (typeof first !== 'object' || first === null) return null;
  const { param, path } = first as { param?: unknown; path?: unknown };
  if (typeof param === 'string') return param;
  return typeof path === 'string' && path !== '(root)' ? path : null;
}

async function parse<T>(response: Response): Promise<T> {
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) {
    const error = (body as ErrorBody | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `HTTP ${response.status}`,
      paramOf(error?.details),
    );
  }
  return body as T;
}

export async function exchangeKey(apiKey: string): Promise<Session> {
  const response = await fetch('/api/auth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ apiKey }),
  });
  const body = await parse<{ token: string; expiresAt: string; role: string }>(response);
  return { token: body.token, expiresAt: body.expiresAt, role: body.role };
}

/** A client bound to one session; a 401 means the token expired or was revoked. */
export function apiClient(session: Session, onUnauthorized: (message: string) => void) {
  return async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const headers: Record<string, string> = { Authorization: `Bearer ${session.token}` };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    try {
      return await parse<T>(response);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) onUnauthorized(error.message);
      throw error;
    }
  };
}

export type Api = ReturnType<typeof apiClient>;
