import { describe, expect, it } from 'vitest';
import { api, type Item, newIdea } from '../content/content-helpers';
import { uniqueMarker } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';
import { commentPayload, commentsOn, deliver, freshIssue } from './github-helpers';
import {
  ask,
  callbackUpdate,
  commandUpdate,
  OTHER_ALLOWED_CHAT,
  repliesTo,
  sendUpdate,
  telegramCalls,
} from './telegram-helpers';

const item = async (id: string) =>
  (await (await api(`/api/content/items/${id}`, ownerKey)).json()) as Item & {
    events: { kind: string; data: { to?: string; reason?: string } }[];
  };

const draftOf = async (topic: string, variants: Record<string, unknown>) =>
  (await newIdea(ownerKey, { topic: uniqueMarker(topic), variants })).items.map((draft) => draft.id);

describe('happy', () => {
  it('/drafts lists drafts with buttons and /approve schedules one in its next slot', async () => {
    const marker = uniqueMarker('chatdraft');
    const idea = await newIdea(ownerKey, { topic: marker, variants: { linkedin: { text: `Post about ${marker}` } } });
    const id = idea.items[0]?.id ?? '';
    const { update, messageId } = commandUpdate('/drafts');
    await sendUpdate(update);
    const [listed] = await repliesTo(messageId);
    expect(listed?.body.text).toMatch(/^Drafts, page 1\n1\. /);
    expect(listed?.body.text).toContain(`linkedin ${id}\n  Post about ${marker}`);
    const buttons = listed?.body.reply_markup?.inline_keyboard.flat().map((button) => button.callback_data);
    expect(buttons).toContain(`approve ${id}`);
    expect(buttons).toContain(`reject ${id}`);
    const answer = await ask(`/approve ${id}`);
    expect(answer).toMatch(
      new RegExp(`^Approved linkedin ${id}: scheduled for \\d{4}-\\d\\d-\\d\\dT08:30:00.000Z\\.$`),
    );
    const after = await item(id);
    expect(after.status).toBe('scheduled');
    expect(answer).toContain(after.scheduledAt ?? 'missing');
    expect(await ask('/drafts')).not.toContain(id);
  });

  it('/approve and /reject take several ids, one line each; /reject keeps the reason', async () => {
    const [linkedin = '', blog = ''] = await draftOf('many', {
      linkedin: { text: 'One.' },
      blog: { title: 'Two', markdown: 'Two' },
    });
    const [x = '', newsletter = ''] = await draftOf('nope', {
      x: { text: 'Three.' },
      newsletter: { subject: 'Four', markdown: 'Four' },
    });
    const approved = (await ask(`/approve ${linkedin} ${blog}`)).split('\n');
    expect(approved).toHaveLength(2);
    expect(approved[0]).toMatch(new RegExp(`^Approved linkedin ${linkedin}: scheduled for `));
    expect(approved[1]).toMatch(new RegExp(`^Approved blog ${blog}: scheduled for `));
    expect(await ask(`/reject ${x}, ${newsletter} not our tone`)).toBe(
      `Rejected x ${x}.\nRejected newsletter ${newsletter}.`,
    );
    const rejected = await item(x);
    expect(rejected.status).toBe('rejected');
    expect(rejected.events.find((event) => event.data.to === 'rejected')?.data.reason).toBe('not our tone');
  });

  it('a button press approves the draft once, however often Telegram delivers it', async () => {
    const [id = ''] = await draftOf('button', { linkedin: { text: 'Pressed.' } });
    const press = callbackUpdate(`approve ${id}`);
    const responses = await Promise.all([sendUpdate(press.update), sendUpdate(press.update)]);
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    const replies = await repliesTo(press.messageId);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body.text).toMatch(new RegExp(`^Approved linkedin ${id}: scheduled for `));
    const acks = (await telegramCalls()).filter(
      (call) => call.method === 'answerCallbackQuery' && call.body.callback_query_id === press.queryId,
    );
    expect(acks).toHaveLength(1);
    expect(String(acks[0]?.body.text)).toMatch(/^Approved linkedin /);
    const after = await item(id);
    expect(after.status).toBe('scheduled');
    expect(after.events.filter((event) => event.data.to === 'approved')).toHaveLength(1);
    const reject = callbackUpdate(`reject ${id}`);
    await sendUpdate(reject.update);
    expect((await repliesTo(reject.messageId))[0]?.body.text).toBe(`${id} is scheduled, not a draft.`);
  });

  it('/drafts pages ten at a time, within one Telegram message', async () => {
    for (let n = 0; n < 11; n += 1)
      await draftOf(`page${n}`, { linkedin: { text: `Page filler ${n}. ${'w '.repeat(80)}` } });
    const first = await ask('/drafts');
    expect(first.split('\n').filter((line) => /^\d+\. /.test(line))).toHaveLength(10);
    expect(first).toContain('More: /drafts 2');
    expect(first.length).toBeLessThanOrEqual(4_096);
    expect(await ask('/drafts 2')).toMatch(/^Drafts, page 2\n1\. /);
  });

  it('approves from a GitHub issue comment too', async () => {
    const idea = await newIdea(ownerKey, { topic: uniqueMarker('ghdraft'), variants: { x: { text: 'Hello X.' } } });
    const id = idea.items[0]?.id ?? '';
    const issue = freshIssue();
    expect((await deliver(JSON.stringify(commentPayload(`/empire approve ${id}`, issue)))).status).toBe(202);
    expect((await commentsOn(issue))[0]?.body).toMatch(new RegExp(`^Approved x ${id}: scheduled for `));
    expect((await item(id)).status).toBe('scheduled');
  });
});

describe('errors', () => {
  it('refuses a bad id, an unknown id and an item that is no longer a draft', async () => {
    expect(await ask('/approve 12')).toMatch(/^Usage: \/approve <id…>/);
    expect(await ask('/reject')).toMatch(/^Usage: \/reject <id…> \[reason\]/);
    expect(await ask('/drafts 0')).toMatch(/^Usage: \/drafts \[page\]/);
    const unknown = crypto.randomUUID();
    expect(await ask(`/approve ${unknown}`)).toBe(`No content item ${unknown}.`);
    const [id = ''] = await draftOf('twice', { blog: { title: 'T', markdown: 'M' } });
    await ask(`/approve ${id}`);
    expect(await ask(`/approve ${id}`)).toBe(`${id} is scheduled, not a draft.`);
    expect(await ask(`/approve ${id} tomorrow`)).toMatch(/^Usage: \/approve/);
  });
});

describe('security', () => {
  it("takes approvals only from the owner's chat, typed or pressed", async () => {
    const [id = ''] = await draftOf('notowner', { linkedin: { text: 'Not yours.' } });
    expect(await ask(`/approve ${id}`, OTHER_ALLOWED_CHAT)).toBe("Only the owner's chat may use /approve.");
    expect(await ask(`/reject ${id}`, OTHER_ALLOWED_CHAT)).toBe("Only the owner's chat may use /reject.");
    const press = callbackUpdate(`approve ${id}`, OTHER_ALLOWED_CHAT);
    await sendUpdate(press.update);
    expect((await repliesTo(press.messageId))[0]?.body.text).toBe("Only the owner's chat may use /approve.");
    // Reading is fine from any allowed chat.
    expect(await ask('/drafts', OTHER_ALLOWED_CHAT)).toContain(id);
    expect((await item(id)).status).toBe('draft');
  });

  it('answers a press of a button it did not make, and runs nothing', async () => {
    const press = callbackUpdate('status:refresh');
    expect((await sendUpdate(press.update)).status).toBe(200);
    expect(await repliesTo(press.messageId, { expectNone: true })).toHaveLength(0);
    const acks = (await telegramCalls()).filter(
      (call) => call.method === 'answerCallbackQuery' && call.body.callback_query_id === press.queryId,
    );
    expect(acks.map((call) => call.body.text)).toEqual(['This button is not one of mine.']);
  });

  it('ignores a button press from a chat not allowed', async () => {
    const [id = ''] = await draftOf('stranger', { linkedin: { text: 'Stranger.' } });
    const stranger = callbackUpdate(`approve ${id}`, 634211590);
    expect((await sendUpdate(stranger.update)).status).toBe(200);
    expect(await repliesTo(stranger.messageId, { expectNone: true })).toHaveLength(0);
    expect((await item(id)).status).toBe('draft');
  });
});
