import { type RedditClient, RedditRateLimited } from '../../channels/reddit/client';
import { errorMessage } from '../../lib/error-message';
import { redditBody } from '../variants';
import { PublishError, type Publisher } from './types';

/** Submits a Reddit variant as a self post (title and text) to the configured subreddit. */
export function redditPublisher(client: RedditClient): Publisher {
  return {
    live: true,
    async publish(item) {
      const { title, text } = redditBody.parse(item.body);
      try {
        const post = await client.submitSelf(title, text);
        return { remoteIds: [post.name], url: post.url, dryRun: false };
      } catch (error) {
        throw new PublishError(errorMessage(error), [], error instanceof RedditRateLimited ? error.resetAt : undefined);
      }
    },
  };
}
