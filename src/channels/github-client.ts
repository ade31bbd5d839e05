import { UpstreamFailedError } from '../lib/domain-errors';

export const GITHUB_API_VERSION = '2022-11-28';
const GITHUB_MAX_BODY = 65_536;

export interface GithubSettings {
  apiUrl: string;
  token: string;
}

/** Posts a comment on an issue or pull request through the REST API. */
const OUTBOUND_TIMEOUT_MS = 10_000;

export async function postIssueComment(
  settings: GithubSettings,
  target: { owner: string; repo: string; issue: number },
  body: string,
  fetcher: typeof fetch = fetch,
): Promise<void> {
  const path = `/repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}/issues/${target.issue}/comments`;
  const response = await fetcher(`${settings.apiUrl.replace(/\/+$/, '')}${path}`, {
    method: 'POST',
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${settings.token}`,
      'content-type': 'application/json',
      'user-agent': 'ai-empire',
      'x-github-api-version': GITHUB_API_VERSION,
    },
    body: JSON.stringify({ body: body.slice(0, GITHUB_MAX_BODY) }),
    // A hung GitHub must not hold the request (or the queue consumer) that answers the command.
    signal: AbortSignal.timeout(OUTBOUND_TIMEOUT_MS),
  });
  if (response.status !== 201) {
    throw new UpstreamFailedError(`GitHub answered ${response.status} to the comment`, {
      body: (await response.text()).slice(0, 500),
    });
  }
}
