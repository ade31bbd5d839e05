import { createEmailSender, type EmailConfig } from '../../channels/email';
import { RedditClient } from '../../channels/reddit/client';
import { createXClient } from '../../channels/x/client';
import type { ContentConfig } from '../../config/content-config';
import type { ContentChannel } from '../../db/content-schema';
import { blogPublisher } from './blog';
import { discordPublisher } from './discord';
import { linkedinPublisher } from './linkedin';
import { newsletterPublisher } from './newsletter';
import { redditPublisher } from './reddit';
import { dryRunPublisher, type Publisher } from './types';
import { xPublisher } from './x';

export type Publishers = Record<ContentChannel, Publisher>;

/**
 * One publisher per channel. Dry run is the default: a channel is live only once its credentials
 * are configured.
 */
export function buildPublishers(content: ContentConfig, email: EmailConfig, fetcher: typeof fetch = fetch): Publishers {
  const sender = createEmailSender(email, fetcher);
  return {
    x: content.x ? xPublisher(createXClient({ ...content.x, fetcher })) : dryRunPublisher,
    linkedin: content.linkedin ? linkedinPublisher(content.linkedin, fetcher) : dryRunPublisher,
    blog: content.blog ? blogPublisher(content.blog, fetcher) : dryRunPublisher,
    newsletter:
      sender.provider !== 'dry-run' && content.newsletterTo.length > 0
        ? newsletterPublisher(sender, content.newsletterTo)
        : dryRunPublisher,
    discord: content.discord ? discordPublisher(content.discord.webhookUrl, fetcher) : dryRunPublisher,
    reddit: content.reddit ? redditPublisher(new RedditClient(content.reddit, fetcher)) : dryRunPublisher,
  };
}
