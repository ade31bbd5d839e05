import type { LinkedinSettings } from '../../config/channel-settings';
import { errorMessage } from '../../lib/error-message';
import { linkedinBody } from '../variants';
import { PublishError, type Publisher } from './types';
import { retryAfterMs } from './wait';

// Commentary is LinkedIn's "little" text format: these characters start mentions and templates,
// and an unescaped one silently cuts the post short. A `#` that starts a word stays a hashtag.
const RESERVED = /[\\|{}@[\]()<>*_~]|#(?![\p{L}\p{N}_])/gu;

export const escapeLittleText = (text: string) => text.replace(RESERVED, (char) => `\\${char}`);

/** Why LinkedIn refused, in the owner's words where the status says more than the body. */
function refusal(status: number, body: string): string {
  let message = body.slice(0, 200);
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // Not JSON: the raw text is the message.
  }
  if (status === 401)
    return `LinkedIn refused the access token (401: ${message}); renew it and set LINKEDIN_ACCESS_TOKEN and LINKEDIN_TOKEN_EXPIRES_AT`;
  if (status === 403)
    return `LinkedIn forbids posting as this author (403: ${message}); the token needs w_member_social, or w_organization_social for a page`;
  return `LinkedIn refused (${status}): ${message}`;
}

/** Creates a text post through the versioned Posts API; LinkedIn answers 201 with the post's URN in x-restli-id. */
export function linkedinPublisher(settings: LinkedinSettings, fetcher: typeof fetch = fetch): Publisher {
  return {
    live: true,
    async publish(item) {
      const { text } = linkedinBody.parse(item.body);
      let response: Response;
      try {
        response = await fetcher(`${settings.apiUrl}/rest/posts`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${settings.token}`,
            'content-type': 'application/json',
            'linkedin-version': settings.version,
            'x-restli-protocol-version': '2.0.0',
          },
          body: JSON.stringify({
            author: settings.authorUrn,
            commentary: escapeLittleText(text),
            visibility: 'PUBLIC',
            distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
            lifecycleState: 'PUBLISHED',
            isReshareDisabledByAuthor: false,
          }),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (error) {
        throw new PublishError(`LinkedIn did not answer: ${errorMessage(error)}`);
      }
      const body = await response.text();
      if (response.status === 429)
        throw new PublishError(
          'LinkedIn rate limit reached',
          [],
          Date.now() + retryAfterMs(response.headers, 60 * 60_000),
        );
      if (!response.ok) throw new PublishError(refusal(response.status, body));
      const id = response.headers.get('x-restli-id');
      if (!id) throw new PublishError(`LinkedIn answered ${response.status} without an x-restli-id`);
      return { remoteIds: [id], url: postUrl(id), dryRun: false };
    },
  };
}

const postUrl = (urn: string) => `https://www.linkedin.com/feed/update/${urn}/`;
