import { z } from 'zod';
import type { RedditSettings } from '../../config/channel-settings';
import { errorMessage } from '../../lib/error-message';

// Reddit's OAuth2 API, the two calls the product makes: an application-only token for a script
// app (password grant, or a refresh token) and a self post through /api/submit.

/** Reddit refused the app's credentials: nothing will post until they are fixed. */
export class RedditAuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedditAuthError';
  }
}

/** Reddit asked us to wait; nothing more may be sent before `resetAt` (epoch ms). */
export class RedditRateLimited extends Error {
  constructor(readonly resetAt: number) {
    super(`Reddit rate limit reached; try again after ${new Date(resetAt).toISOString()}`);
    this.name = 'RedditRateLimited';
  }
}

const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });
const tokenErrorSchema = z.object({ error: z.union([z.string(), z.number()]), message: z.string().optional() });
const submitSchema = z.object({
  json: z.object({
    errors: z.array(z.array(z.string().nullable())),
    data: z.object({ id: z.string(), name: z.string(), url: z.string() }).optional(),
  }),
});

interface CachedToken {
  value: string;
  expiresAt: number;
}

/**
 * Per-isolate cache of access tokens, one per settings object: the config is parsed once per
 * isolate, so that is one token, and changed credentials never reuse a token the old ones got.
 * A token lives a day; it is renewed a minute early so a call never carries one that expires on the way.
 */
const tokenCache = new WeakMap<RedditSettings, CachedToken>();
const EARLY_RENEWAL_MS = 60_000;

const minutesOrSeconds = (text: string) => {
  const match = /(\d+)\s*(minute|second)/i.exec(text);
  if (!match) return 10 * 60_000;
  return Number(match[1]) * (match[2]?.toLowerCase() === 'minute' ? 60_000 : 1_000);
};

export class RedditClient {
  private readonly fetcher: typeof fetch;

  constructor(
    private readonly settings: RedditSettings,
    fetcher: typeof fetch = fetch,
  ) {
    // Called as a method, workerd's fetch throws "Illegal invocation": keep it unbound.
    this.fetcher = (input, init) => fetcher(input, init);
  }

  /** A valid access token, from the cache while it lasts. Throws RedditAuthError when Reddit refuses the app. */
  async token(now = Date.now()): Promise<string> {
    const cached = tokenCache.get(this.settings);
    if (cached && cached.expiresAt - EARLY_RENEWAL_MS > now) return cached.value;
    const { clientId, clientSecret, grant } = this.settings;
    const form = new URLSearchParams(
      'refreshToken' in grant
        ? { grant_type: 'refresh_token', refresh_token: grant.refreshToken }
        : { grant_type: 'password', username: grant.username, password: grant.password },
    );
    let response: Response;
    try {
      response = await this.fetcher(`${this.settings.authUrl}/api/v1/access_token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${btoa(`${clientId}:${clientSecret}`)}`,
          'content-type': 'application/x-www-form-urlencoded',
          'user-agent': this.settings.userAgent,
        },
        body: form,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new Error(`Reddit's token endpoint did not answer: ${errorMessage(error)}`);
    }
    const body: unknown = await response.json().catch(() => undefined);
    const token = tokenSchema.safeParse(body);
    if (response.ok && token.success) {
      tokenCache.set(this.settings, { value: token.data.access_token, expiresAt: now + token.data.expires_in * 1000 });
      return token.data.access_token;
    }
    // A wrong password answers 200 with {"error": "invalid_grant"}; a wrong app id or secret answers 401.
    const refused = tokenErrorSchema.safeParse(body);
    const why = refused.success ? String(refused.data.message ?? refused.data.error) : `status ${response.status}`;
    if (response.status === 401 || response.ok)
      throw new RedditAuthError(`Reddit refused the app's credentials (${why})`);
    throw new Error(`Reddit's token endpoint answered ${response.status} (${why})`);
  }

  /** Submits a self post to the configured subreddit; returns its fullname (t3_…) and URL. */
  async submitSelf(title: string, text: string): Promise<{ name: string; url: string }> {
    const token = await this.token();
    const form = new URLSearchParams({ sr: this.settings.subreddit, kind: 'self', title, text, api_type: 'json' });
    let response: Response;
    try {
      response = await this.fetcher(`${this.settings.apiUrl}/api/submit`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/x-www-form-urlencoded',
          'user-agent': this.settings.userAgent,
        },
        body: form,
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new Error(`Reddit did not answer: ${errorMessage(error)}`);
    }
    if (response.status === 401) {
      tokenCache.delete(this.settings);
      throw new RedditAuthError('Reddit refused the access token (401); a new one is fetched on the next attempt');
    }
    if (response.status === 429) {
      const reset = Number(response.headers.get('x-ratelimit-reset') ?? 600);
      throw new RedditRateLimited(Date.now() + Math.min(Math.max(reset, 1), 86_400) * 1000);
    }
    const raw = await response.text();
    if (!response.ok) throw new Error(`Reddit refused (${response.status}): ${raw.slice(0, 200)}`);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new Error(`Reddit answered ${response.status} with a body that is not JSON`);
    }
    const parsed = submitSchema.safeParse(body);
    if (!parsed.success) throw new Error(`Reddit answered an unexpected body: ${raw.slice(0, 200)}`);
    const [first] = parsed.data.json.errors;
    if (first) {
      const [code = 'ERROR', message = '', field] = first;
      if (code === 'RATELIMIT') throw new RedditRateLimited(Date.now() + minutesOrSeconds(message ?? ''));
      throw new Error(`Reddit refused the post: ${code} ${message ?? ''}${field ? ` (${field})` : ''}`.trim());
    }
    const data = parsed.data.json.data;
    if (!data) throw new Error('Reddit answered without the post');
    return { name: data.name, url: data.url };
  }
}
