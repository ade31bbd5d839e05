import { type XClient, XRateLimited } from '../../channels/x/client';
import { errorMessage } from '../../lib/error-message';
import { xBody } from '../variants';
import { PublishError, type Publisher } from './types';

/** Posts an X variant: the first post, then each next one as a reply to the one before. */
export function xPublisher(client: XClient, username?: string): Publisher {
  return {
    live: true,
    async publish(item, done) {
      const { posts } = xBody.parse(item.body);
      const ids = [...done];
      for (const text of posts.slice(ids.length)) {
        try {
          ids.push(await client.createPost(text, ids.at(-1)));
        } catch (error) {
          const message = errorMessage(error);
          throw new PublishError(message, ids, error instanceof XRateLimited ? error.resetAt : undefined);
        }
      }
      const first = ids[0];
      return {
        remoteIds: ids,
        dryRun: false,
        url: first ? `https://x.com/${username ?? 'i/web'}/status/${first}` : undefined,
      };
    },
  };
}
