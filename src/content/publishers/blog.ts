import { z } from 'zod';
import { signedHeaders } from '../../channels/webhook-signature';
import { errorMessage } from '../../lib/error-message';
import { markdownToHtml } from '../markdown';
import { blogBody } from '../variants';
import { PublishError, type Publisher } from './types';

const answerSchema = z
  .object({ id: z.union([z.string(), z.number()]).optional(), url: z.string().optional() })
  .catch({});

export interface BlogWebhook {
  url: string;
  secret: string;
}

/**
 * POSTs the post as JSON to the blog's webhook. The signature covers "<timestamp>.<body>" so a
 * receiver can refuse a replayed delivery; the item id rides as Idempotency-Key so a retry after
 * a lost answer does not make a second post.
 */
export function blogPublisher(webhook: BlogWebhook, fetcher: typeof fetch = fetch): Publisher {
  return {
    live: true,
    async publish(item) {
      const post = blogBody.parse(item.body);
      const body = JSON.stringify({
        event: 'post.published',
        id: item.id,
        title: post.title,
        slug: post.slug,
        markdown: post.markdown,
        html: markdownToHtml(post.markdown),
        publishedAt: new Date().toISOString(),
      });
      let response: Response;
      try {
        response = await fetcher(webhook.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(await signedHeaders(webhook.secret, body, Date.now())),
            'idempotency-key': item.id,
          },
          body,
          signal: AbortSignal.timeout(10_000),
        });
      } catch (error) {
        throw new PublishError(`the blog did not answer: ${errorMessage(error)}`);
      }
      const text = await response.text();
      if (!response.ok) throw new PublishError(`the blog refused (${response.status}): ${text.slice(0, 200)}`);
      let parsed: z.output<typeof answerSchema> = {};
      try {
        parsed = answerSchema.parse(JSON.parse(text));
      } catch {
        // A receiver may answer with an empty body; the slug then identifies the post.
      }
      return { remoteIds: [String(parsed.id ?? post.slug)], url: parsed.url, dryRun: false };
    },
  };
}
