import { describe, expect, it } from 'vitest';
import { api, type Item, newIdea } from '../content/content-helpers';
import { uniqueMarker } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';
import { commentPayload, commentsOn, deliver, freshIssue } from './github-helpers';
import { ask } from './telegram-helpers';

const item = async (id: string) => (await (await api(`/api/content/items/${id}`, ownerKey)).json()) as Item;

describe('happy', () => {
  it('/drafts lists drafts and /approve schedules one in its next slot', async () => {
    const marker = uniqueMarker('chatdraft');
    const idea = await newIdea(ownerKey, { topic: marker, variants: { linkedin: { text: `Post about ${marker}` } } });
    const id = idea.items[0]?.id ?? '';
    const drafts = await ask('/drafts');
    expect(drafts).toMatch(/^Drafts \(\d+\)/);
    expect(drafts).toContain(`linkedin ${id}\n  Post about ${marker}`);
    const answer = await ask(`/approve ${id}`);
    expect(answer).toMatch(
      new RegExp(`^Approved linkedin ${id}: scheduled for \\d{4}-\\d\\d-\\d\\dT08:30:00.000Z\\.$`),
    );
    const after = await item(id);
    expect(after.status).toBe('scheduled');
    expect(answer).toContain(after.scheduledAt ?? 'missing');
    expect(await ask('/drafts')).not.toContain(id);
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
    expect(await ask('/approve 12')).toBe('Usage: /approve <id>, the id as /drafts shows it');
    const unknown = crypto.randomUUID();
    expect(await ask(`/approve ${unknown}`)).toBe(`No content item ${unknown}.`);
    const idea = await newIdea(ownerKey, {
      topic: uniqueMarker('twice'),
      variants: { blog: { title: 'T', markdown: 'M' } },
    });
    const id = idea.items[0]?.id ?? '';
    await ask(`/approve ${id}`);
    expect(await ask(`/approve ${id}`)).toBe(`${id} is scheduled, not a draft.`);
  });
});
