// The fake X API's post lookup, `GET /2/tweets?ids=…&tweet.fields=public_metrics`, in the shape of
// test/fixtures/x-metrics/tweets_lookup_response.json: found posts in `data`, the ids it does not
// know as `Not Found Error` problems in `errors` (and no `data` when none was found).

export interface FakePublicMetrics {
  retweet_count: number;
  reply_count: number;
  like_count: number;
  quote_count: number;
  bookmark_count: number;
  impression_count: number;
}

export const ZERO_METRICS: FakePublicMetrics = {
  retweet_count: 0,
  reply_count: 0,
  like_count: 0,
  quote_count: 0,
  bookmark_count: 0,
  impression_count: 0,
};

const MAX_IDS = 100;

const invalid = (detail: string) => ({
  status: 400,
  body: { title: 'Invalid Request', detail, type: 'https://api.twitter.com/2/problems/invalid-request', status: 400 },
});

export function lookupPosts(
  url: URL,
  posts: readonly { id: string; text: string }[],
  metrics: ReadonlyMap<string, FakePublicMetrics>,
): { status: number; body: unknown } {
  const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
  if (ids.length === 0) return invalid('The `ids` query parameter can not be empty');
  if (ids.length > MAX_IDS)
    return invalid(`The number of values in the \`ids\` query parameter list [${ids.length}] is not between 1 and 100`);
  if (ids.some((id) => !/^\d{1,19}$/.test(id))) return invalid('The `ids` query parameter value is not valid');
  const withMetrics = (url.searchParams.get('tweet.fields') ?? '').split(',').includes('public_metrics');
  const data = [];
  const errors = [];
  for (const id of ids) {
    const post = posts.find((candidate) => candidate.id === id);
    if (!post) {
      errors.push({
        value: id,
        detail: `Could not find tweet with ids: [${id}].`,
        title: 'Not Found Error',
        resource_type: 'tweet',
        parameter: 'ids',
        resource_id: id,
        type: 'https://api.twitter.com/2/problems/resource-not-found',
      });
      continue;
    }
    data.push({
      id,
      text: post.text,
      edit_history_tweet_ids: [id],
      ...(withMetrics ? { public_metrics: metrics.get(id) ?? ZERO_METRICS } : {}),
    });
  }
  return { status: 200, body: { ...(data.length > 0 ? { data } : {}), ...(errors.length > 0 ? { errors } : {}) } };
}
