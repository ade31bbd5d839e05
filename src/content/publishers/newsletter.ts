import type { EmailSender } from '../../channels/email';
import { errorMessage } from '../../lib/error-message';
import { markdownToHtml, markdownToText } from '../markdown';
import { newsletterBody } from '../variants';
import { PublishError, type Publisher } from './types';

/** Sends the newsletter to each recipient in turn; a retry resumes after those already sent. */
export function newsletterPublisher(sender: EmailSender, recipients: readonly string[]): Publisher {
  return {
    live: true,
    async publish(item, done) {
      const letter = newsletterBody.parse(item.body);
      const ids = [...done];
      for (const to of recipients.slice(ids.length)) {
        try {
          const sent = await sender.send({
            to,
            subject: letter.subject,
            text: markdownToText(letter.markdown),
            html: markdownToHtml(letter.markdown),
            idempotencyKey: `newsletter:${item.id}:${to}`,
            tags: { kind: 'newsletter', item: item.id },
          });
          ids.push(sent.messageId);
        } catch (error) {
          throw new PublishError(errorMessage(error), ids);
        }
      }
      return { remoteIds: ids, dryRun: false };
    },
  };
}
