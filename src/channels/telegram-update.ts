import { z } from 'zod';

/**
 * The fields of a Message the bot reads. Telegram sends many more; they are dropped. A button's
 * message may be an InaccessibleMessage (date 0), which still has its chat and id.
 */
const messageSchema = z.object({
  message_id: z.number().int(),
  chat: z.object({ id: z.number().int() }),
  text: z.string().optional(),
  /** A message in a forum topic: the answer goes to the same topic. */
  is_topic_message: z.boolean().optional(),
  message_thread_id: z.number().int().optional(),
  direct_messages_topic: z.object({ topic_id: z.number().int() }).optional(),
});

const callbackQuerySchema = z.object({
  id: z.string(),
  /** The pressed button's callback_data; absent for game buttons. */
  data: z.string().optional(),
  /** Absent when the button was on an inline-mode message, which this bot does not send. */
  message: messageSchema.optional(),
});

/**
 * One webhook Update, checked where the bot reads it. Other kinds of update (edited messages,
 * channel posts, …) pass with only their update_id: the bot ignores them.
 */
export const telegramUpdateSchema = z.object({
  update_id: z.number().int().nonnegative(),
  message: messageSchema.optional(),
  callback_query: callbackQuerySchema.optional(),
});

export type TelegramMessage = z.infer<typeof messageSchema>;
export type TelegramUpdate = z.infer<typeof telegramUpdateSchema>;
