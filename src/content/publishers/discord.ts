import { z } from 'zod';
import { errorMessage } from '../../lib/error-message';
import { discordBody } from '../variants';
import { PublishError, type Publisher } from './types';
import { retryAfterMs } from './wait';

const messageSchema = z.object({ id: z.string(), channel_id: z.string() });
const limitSchema = z.object({ retry_after: z.number().optional(), global: z.boolean().optional() }).catch({});

/**
 * Posts through an Execute Webhook URL. `wait=true` makes Discord answer with the message, so its
 * id is recorded; mentions are switched off so a post can never ping @everyone.
 */
export function discordPublisher(webhookUrl: string, fetcher: typeof fetch = fetch): Publisher {
  const url = new URL(webhookUrl);
  url.searchParams.set('wait', 'true');
  return {
    live: true,
    async publish(item) {
      const { text } = discordBody.parse(item.body);
      let response: Response;
      try {
        response = await fetcher(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ content: text, allowed_mentions: { parse: [] } }),
          signal: AbortSignal.timeout(10_000),
        });
      } catch (error) {
        throw new PublishError(`Discord did not answer: ${errorMessage(error)}`);
      }
      const body = await response.text();
      if (response.status === 429) {
        const limit = limitSchema.parse(safeJson(body));
        const waitMs = retryAfterMs(response.headers, 60_000, limit.retry_after);
        throw new PublishError('Discord rate limit reached', [], Date.now() + waitMs);
      }
      if (!response.ok) throw new PublishError(`Discord refused (${response.status}): ${body.slice(0, 200)}`);
      const message = messageSchema.safeParse(safeJson(body));
      if (!message.success) throw new PublishError('Discord answered without the message (is wait=true honoured?)');
      // A webhook's message carries no guild id, so no link to it can be made.
      return { remoteIds: [message.data.id], dryRun: false };
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
