import { describe, expect, it } from 'vitest';
import { workerFetch } from '../helpers/fetch';
import callbackQuery from './fixtures/update_callback_query.json';
import editedMessage from './fixtures/update_edited_message.json';
import groupMessage from './fixtures/update_group_message.json';
import { commandUpdate, OWNER_CHAT, repliesTo, sendUpdate, TELEGRAM_SECRET } from './telegram-helpers';

describe('happy', () => {
  it("answers the owner's /status in the same chat, as a reply, with 200 at once", async () => {
    const { update, messageId } = commandUpdate('/status');
    const response = await sendUpdate(update);
    expect(response.status).toBe(200);
    const replies = await repliesTo(messageId);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body.chat_id).toBe(OWNER_CHAT);
    expect(replies[0]?.body.text).toMatch(/^Status\nAgents: /);
  });

  it('accepts a command addressed to the bot by name', async () => {
    const { update, messageId } = commandUpdate('/budget@empire_bot');
    expect((await sendUpdate(update)).status).toBe(200);
    expect((await repliesTo(messageId))[0]?.body.text).toMatch(/^Budget \(/);
  });

  it('answers a command in a forum topic in the same topic', async () => {
    const { update, messageId } = commandUpdate('/budget');
    const inTopic = { ...update, message: { ...update.message, is_topic_message: true, message_thread_id: 77 } };
    expect((await sendUpdate(inTopic)).status).toBe(200);
    expect((await repliesTo(messageId))[0]?.body).toMatchObject({ chat_id: OWNER_CHAT, message_thread_id: 77 });
  });

  it('sends no chat answer to edited messages, foreign button presses and plain text', async () => {
    const plain = commandUpdate('how are we doing?');
    for (const update of [
      { ...editedMessage, update_id: editedMessage.update_id + Math.floor(Math.random() * 1e9) },
      { ...callbackQuery, update_id: callbackQuery.update_id + Math.floor(Math.random() * 1e9) },
      plain.update,
    ]) {
      expect((await sendUpdate(update)).status).toBe(200);
    }
    expect(await repliesTo(plain.messageId, { expectNone: true })).toHaveLength(0);
  });
});

describe('errors', () => {
  it('refuses a malformed update with 400 naming the problem, and sends nothing', async () => {
    const { update, messageId } = commandUpdate('/status');
    const { chat: _chat, ...withoutChat } = update.message;
    const cases: [unknown, RegExp][] = [
      [{ ...update, message: withoutChat }, /\(message\.chat: /],
      [{ ...update, update_id: String(update.update_id) }, /\(update_id: /],
      [{ ...update, callback_query: { id: 7, data: 'status' } }, /\(callback_query\.id: /],
      ['not an update', /\(\(root\): /],
    ];
    for (const [body, problem] of cases) {
      const response = await sendUpdate(body);
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; message: string; details: unknown[] } };
      expect(error.code).toBe('invalid_request');
      expect(error.message).toMatch(/^The body is not a Telegram update /);
      expect(error.message).toMatch(problem);
      expect(error.details.length).toBeGreaterThan(0);
    }
    const broken = await workerFetch('/telegram/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET },
      body: '{"update_id": 1, "message": ',
    });
    expect(broken.status).toBe(400);
    expect(await repliesTo(messageId, { expectNone: true })).toHaveLength(0);
  });

  it('answers an unknown command with the list of commands', async () => {
    const { update, messageId } = commandUpdate('/launch rockets');
    await sendUpdate(update);
    const text = (await repliesTo(messageId))[0]?.body.text ?? '';
    expect(text).toMatch(/^Unknown command \/launch\./);
    for (const name of ['status', 'budget', 'spend', 'run', 'leads', 'lead', 'pause', 'resume', 'alerts'])
      expect(text).toContain(`/${name}`);
  });
});

describe('security', () => {
  it('refuses an update without the secret token: 401, nothing sent', async () => {
    const { update, messageId } = commandUpdate('/status');
    const response = await sendUpdate(update, null);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    expect(await repliesTo(messageId, { expectNone: true })).toHaveLength(0);
  });

  it('refuses a wrong or empty secret token', async () => {
    const { update, messageId } = commandUpdate('/status');
    expect((await sendUpdate(update, 'test-telegram-webhook-secreT')).status).toBe(401);
    expect((await sendUpdate(update, '')).status).toBe(401);
    expect(await repliesTo(messageId, { expectNone: true })).toHaveLength(0);
  });

  it('ignores a chat that is not allow-listed: 200, no answer', async () => {
    const messageId = Math.floor(Math.random() * 1e9);
    const update = {
      ...groupMessage,
      update_id: Math.floor(Math.random() * 1e9),
      message: { ...groupMessage.message, message_id: messageId },
    };
    expect((await sendUpdate(update)).status).toBe(200);
    const stranger = commandUpdate('/budget', 634211590);
    expect((await sendUpdate(stranger.update)).status).toBe(200);
    expect(await repliesTo(messageId, { expectNone: true })).toHaveLength(0);
    expect(await repliesTo(stranger.messageId, { expectNone: true })).toHaveLength(0);
  });

  it('handles a redelivered update_id once, even when both arrive together', async () => {
    const { update, messageId } = commandUpdate('/alerts');
    const responses = await Promise.all([sendUpdate(update), sendUpdate(update), sendUpdate(update)]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(await sendUpdate(update)).toHaveProperty('status', 200);
    expect(await repliesTo(messageId)).toHaveLength(1);
  });
});
