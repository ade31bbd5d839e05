import { z } from 'zod';
import { errorMessage } from '../../lib/error-message';

// X API v2, the two calls the product makes: create a post (a reply when it continues a thread)
// and read the mentions timeline. Ids are strings on the wire and stay strings here.

export interface XClientOptions {
  apiUrl: string;
  /** An OAuth 2.0 user access token (tweet.read, tweet.write, users.read). */
  token: string;
  fetcher?: typeof fetch;
  timeoutMs?: number;
}

/** X said 429: nothing more may be sent before `resetAt` (epoch ms, from x-rate-limit-reset). */
export class XRateLimited extends Error {
  constructor(readonly resetAt: number) {
    super(`X rate limit reached; it resets at ${new Date(resetAt).toISOString()}`);
    this.name = 'XRateLimited';
  }
}

export class XApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'XApiError';
  }
}

const createdSchema = z.object({ data: z.object({ id: z.string().regex(/^\d+$/), text: z.string() }) });
const problemSchema = z.object({ title: z.string().optional(), detail: z.string().optional() }).passthrough().catch({});

const postSchema = z.object({
  id: z.string().regex(/^\d+$/),
  text: z.string(),
  author_id: z.string().optional(),
  created_at: z.string().optional(),
  conversation_id: z.string().optional(),
});
const userSchema = z.object({ id: z.string(), name: z.string().optional(), username: z.string().optional() });
const mentionsSchema = z.object({
  data: z.array(postSchema).optional(),
  includes: z.object({ users: z.array(userSchema).optional() }).optional(),
  meta: z.object({
    result_count: z.number(),
    newest_id: z.string().optional(),
    oldest_id: z.string().optional(),
    next_token: z.string().optional(),
  }),
});

const publicMetricsSchema = z.object({
  impression_count: z.number().int().nonnegative().default(0),
  like_count: z.number().int().nonnegative(),
  retweet_count: z.number().int().nonnegative(),
  reply_count: z.number().int().nonnegative(),
  quote_count: z.number().int().nonnegative(),
  bookmark_count: z.number().int().nonnegative().default(0),
});
const lookupSchema = z.object({
  data: z.array(z.object({ id: z.string(), public_metrics: publicMetricsSchema })).optional(),
  // Ids that were deleted or are not visible come back as problems beside the posts found.
  errors: z.array(z.object({ resource_id: z.string().optional() }).passthrough()).optional(),
});

/** At most this many ids in one lookup (X's limit). */
export const X_LOOKUP_MAX_IDS = 100;

export type XPublicMetrics = z.output<typeof publicMetricsSchema>;
export type XPost = z.output<typeof postSchema>;
export type XUser = z.output<typeof userSchema>;
export type MentionsPage = z.output<typeof mentionsSchema>;

const DEFAULT_RESET_MS = 15 * 60_000;

export function createXClient(options: XClientOptions) {
  const fetcher = options.fetcher ?? fetch;
  const base = options.apiUrl.replace(/\/+$/, '');

  async function call(path: string, init: RequestInit): Promise<unknown> {
    let response: Response;
    try {
      response = await fetcher(`${base}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${options.token}`, ...init.headers },
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new XApiError(0, `X did not answer: ${errorMessage(error)}`, true);
    }
    if (response.status === 429) {
      const reset = Number(response.headers.get('x-rate-limit-reset'));
      await response.body?.cancel();
      throw new XRateLimited(Number.isFinite(reset) && reset > 0 ? reset * 1000 : Date.now() + DEFAULT_RESET_MS);
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      throw new XApiError(response.status, `X answered ${response.status} with a body that is not JSON`, true);
    }
    if (!response.ok) {
      const problem = problemSchema.parse(body);
      const reason = problem.detail ?? problem.title ?? `HTTP ${response.status}`;
      throw new XApiError(response.status, `X refused (${response.status}): ${reason}`, response.status >= 500);
    }
    return body;
  }

  return {
    /** GET /2/tweets?ids=…&tweet.fields=public_metrics: the metrics of each post found, and the ids X did not find. */
    async postMetrics(ids: readonly string[]): Promise<{ found: Map<string, XPublicMetrics>; missing: string[] }> {
      if (ids.length === 0 || ids.length > X_LOOKUP_MAX_IDS)
        throw new RangeError(`a lookup takes 1 to ${X_LOOKUP_MAX_IDS} ids, not ${ids.length}`);
      const query = new URLSearchParams({ ids: ids.join(','), 'tweet.fields': 'public_metrics' });
      const parsed = lookupSchema.safeParse(await call(`/2/tweets?${query}`, { method: 'GET' }));
      if (!parsed.success) throw new XApiError(200, 'X answered the post lookup in an unexpected shape', true);
      const found = new Map((parsed.data.data ?? []).map((post) => [post.id, post.public_metrics]));
      return { found, missing: ids.filter((id) => !found.has(id)) };
    },

    /** POST /2/tweets; returns the new post's id. */
    async createPost(text: string, inReplyTo?: string): Promise<string> {
      const payload = inReplyTo ? { text, reply: { in_reply_to_tweet_id: inReplyTo } } : { text };
      const body = await call('/2/tweets', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
      const parsed = createdSchema.safeParse(body);
      if (!parsed.success) throw new XApiError(201, 'X answered without a post id', true);
      return parsed.data.data.id;
    },

    /** One page of GET /2/users/:id/mentions, with the authors' usernames expanded. */
    async mentions(userId: string, page: { sinceId?: string; token?: string; max?: number }): Promise<MentionsPage> {
      const query = new URLSearchParams({
        max_results: String(page.max ?? 100),
        expansions: 'author_id',
        'tweet.fields': 'created_at,author_id,conversation_id',
        'user.fields': 'username,name',
      });
      if (page.sinceId) query.set('since_id', page.sinceId);
      if (page.token) query.set('pagination_token', page.token);
      const body = await call(`/2/users/${encodeURIComponent(userId)}/mentions?${query}`, { method: 'GET' });
      const parsed = mentionsSchema.safeParse(body);
      if (!parsed.success) throw new XApiError(200, 'X answered the mentions call in an unexpected shape', true);
      return parsed.data;
    },
  };
}

export type XClient = ReturnType<typeof createXClient>;
