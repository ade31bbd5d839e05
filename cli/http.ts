import { type Config, writeConfig } from './config.ts';
import { type ApiErrorBody, CliError, exitCodeForStatus, exitCodes } from './errors.ts';

export interface TokenGrant {
  token: string;
  tokenType: 'Bearer';
  expiresAt: string;
  role: string;
}

// Renew a little before expiry so a long `tail` or `run` does not start with a dying token.
const RENEW_BEFORE_MS = 5 * 60_000;

function networkError(url: string, error: unknown): CliError {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
  const reason = code || (cause instanceof Error ? cause.message : String(cause));
  return new CliError(`Cannot reach the Empire API at ${url} (${reason}). Is it running?`, exitCodes.connection);
}

function isErrorBody(value: unknown): value is { error: ApiErrorBody } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error: unknown = value.error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

function dollars(micros: unknown): string {
  return typeof micros === 'number' ? `$${(micros / 1_000_000).toFixed(6).replace(/0+$/, '').replace(/\.$/, '')}` : '?';
}

function describeOverBudget(error: ApiErrorBody): string {
  const d = (error.details ?? {}) as Record<string, unknown>;
  const lines = [`Over budget: ${error.message}`];
  if (d.scope) lines.push(`  cap: ${String(d.scope)} per ${String(d.window)} = ${dollars(d.capMicros)} USD`);
  if (d.spentMicros !== undefined)
    lines.push(`  spent: ${dollars(d.spentMicros)}, reserved: ${dollars(d.reservedMicros)}`);
  if (d.deferralId) lines.push(`  deferral: ${String(d.deferralId)} (empire runs it when the budget allows)`);
  if (d.retryAt) lines.push(`  retry at: ${String(d.retryAt)}`);
  return lines.join('\n');
}

export function apiError(status: number, body: unknown, retryAfter: string | null): CliError {
  const error: ApiErrorBody = isErrorBody(body)
    ? body.error
    : { code: `http_${status}`, message: `The API answered ${status}` };
  let message = `${error.message} (${error.code})`;
  if (status === 401) message = `Not logged in or the token was refused: ${error.message}. Run \`empire login\`.`;
  else if (status === 403) message = `Not allowed: ${error.message}`;
  else if (status === 402) message = describeOverBudget(error);
  else if (status === 429) message = `Rate limited: ${error.message}; retry after ${retryAfter ?? '?'} s`;
  else if (status === 400 && error.details !== undefined)
    message = `${message}\n${JSON.stringify(error.details, null, 2)}`;
  if (error.requestId) message += `\n  request id: ${error.requestId}`;
  return new CliError(message, exitCodeForStatus(status), {
    status,
    error,
    ...(retryAfter ? { retryAfter } : {}),
  });
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    throw networkError(new URL(url).origin, error);
  }
}

async function parse(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function exchangeKey(baseUrl: string, apiKey: string): Promise<TokenGrant> {
  const response = await send(`${baseUrl}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ apiKey }),
  });
  const body = await parse(response);
  if (!response.ok) throw apiError(response.status, body, response.headers.get('retry-after'));
  return body as TokenGrant;
}

export interface ApiOptions {
  url: string;
  config?: Config;
  /** A key from the environment, used when there is no stored token. */
  envKey?: string;
  /** Where to store a renewed token; omitted when the session came from the environment only. */
  configFile?: string;
}

export class Api {
  readonly url: string;
  private config: Config | undefined;
  private readonly envKey: string | undefined;
  private readonly configFile: string | undefined;

  constructor(options: ApiOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.config = options.config;
    this.envKey = options.envKey;
    this.configFile = options.configFile;
  }

  private get key(): string | undefined {
    return this.envKey ?? this.config?.apiKey;
  }

  private async renew(): Promise<string> {
    const key = this.key;
    if (!key) throw new CliError('Not logged in: run `empire login` (or set EMPIRE_API_KEY)', exitCodes.unauthorized);
    const grant = await exchangeKey(this.url, key);
    const next: Config = {
      ...(this.config ?? { url: this.url }),
      token: grant.token,
      expiresAt: grant.expiresAt,
      role: grant.role,
    };
    this.config = next;
    if (this.configFile && !this.envKey) writeConfig(next, this.configFile);
    return grant.token;
  }

  /** A JWT that is valid for a while yet. */
  async token(): Promise<string> {
    const { token, expiresAt } = this.config ?? {};
    const fresh = token && expiresAt && Date.parse(expiresAt) - RENEW_BEFORE_MS > Date.now();
    if (token && (fresh || !this.key)) return token;
    return this.renew();
  }

  async request<T>(method: string, path: string, body?: unknown, options: { auth?: boolean } = {}): Promise<T> {
    const auth = options.auth ?? true;
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    let token = auth ? await this.token() : undefined;
    for (let attempt = 0; ; attempt += 1) {
      if (token) headers.authorization = `Bearer ${token}`;
      const response = await send(`${this.url}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const parsed = await parse(response);
      if (response.ok) return parsed as T;
      // A token revoked by key rotation: one fresh exchange, then the refusal stands.
      if (response.status === 401 && auth && attempt === 0 && this.key) {
        token = await this.renew();
        continue;
      }
      throw apiError(response.status, parsed, response.headers.get('retry-after'));
    }
  }

  /** An unauthenticated GET whose non-2xx answers are data too (health answers 503 with its report). */
  async probe<T>(path: string): Promise<{ status: number; body: T }> {
    const response = await send(`${this.url}${path}`, { method: 'GET' });
    return { status: response.status, body: (await parse(response)) as T };
  }

  get<T>(path: string, options?: { auth?: boolean }): Promise<T> {
    return this.request<T>('GET', path, undefined, options);
  }

  /** ws(s):// address of a socket route, with the JWT in the query as the API requires. */
  async socketUrl(path: string): Promise<string> {
    const url = new URL(path, this.url);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', await this.token());
    return url.toString();
  }
}
