import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SLOTS, parseSlot, type Slot } from '../../src/config/content-config';
import { approveDrafts } from '../../src/content/decisions';
import { type ContentChannel, contentChannels } from '../../src/db/content-schema';
import { contentTarget } from '../../src/review/content-target';
import { dailyContent } from '../../src/workflows/daily-content';
import { workflowContext } from '../../workers/workflow-runner';
import { api, type Idea, modelAnswers, newIdea } from '../content/content-helpers';
import { uniqueMarker } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';
import { modelRequestsWith } from '../security/injection-helpers';
import { fireTick, ownerMessages, runnerScope, runsOf, stepsOf } from './helpers';

const DAILY = '0 6 * * *';
const DAY = 86_400_000;

const count = async (table: 'content_ideas' | 'content_items') =>
  (await env.DB.prepare(`select count(*) as n from ${table}`).first<{ n: number }>())?.n ?? 0;

const ideaOf = async (id: string) => (await (await api(`/api/content/ideas/${id}`, ownerKey)).json()) as Idea;

/** An idea whose topic carries `marker`, so the next ideas prompt (which lists earlier topics) carries it too. */
async function earlierTopic(marker: string) {
  return (await newIdea(ownerKey, { topic: `Fire alarm audits for hotels ${marker}` })).topic;
}

describe('happy', () => {
  // Eleven model calls and some two hundred D1 writes, twice.
  it('makes ten new ideas, each drafted for every channel, in one run; the same tick again adds nothing', {
    timeout: 30_000,
  }, async () => {
    const asked = uniqueMarker('ideas-asked');
    const fresh = uniqueMarker('idea');
    const earlier = await earlierTopic(asked);
    const topics = Array.from({ length: 10 }, (_, n) => `Automation ${n + 1} that pays back ${fresh}`);
    // One repeat of an earlier topic (other case and punctuation) and one of the answer itself: both dropped.
    const answer = [topics[0], `${earlier.toUpperCase()}!`, ...topics].map((topic) => ({ topic, brief: 'For SMEs.' }));
    await modelAnswers(asked, JSON.stringify({ ideas: answer }));
    const tick = Date.UTC(2026, 11, 8, 6, 0);
    await fireTick(DAILY, tick);

    const [run, ...others] = (await runsOf('daily_content')).filter((row) => row.tick === tick);
    expect(others).toEqual([]);
    expect(run?.status).toBe('succeeded');
    const [ideasStep, variantsStep] = stepsOf(run);
    expect(ideasStep?.note).toBe('10 of 10 idea(s); 2 repeated topic(s) dropped');
    const { ideaIds } = (ideasStep?.output ?? { ideaIds: [] }) as { ideaIds: string[] };
    const ideas = await Promise.all(ideaIds.map(ideaOf));
    expect(ideas.map((idea) => idea.topic)).toEqual(topics);
    for (const idea of ideas)
      expect(idea.items.map((item) => [item.channel, item.status])).toEqual(
        contentChannels.map((channel) => [channel, 'draft']),
      );
    const drafts = 10 * contentChannels.length;
    expect(variantsStep?.output).toMatchObject({ ideasDrafted: 10, drafts, rejectedCount: 0 });
    expect(await modelRequestsWith(fresh)).toHaveLength(10);
    const [message, ...more] = await ownerMessages(topics[9] ?? 'none');
    expect(more).toEqual([]);
    expect(message).toMatch(new RegExp(`^${drafts} content draft\\(s\\) for 10 idea\\(s\\) await your approval: `));
    expect(message).toContain(contentChannels.map((channel) => `${channel} 10`).join(', '));

    // The tick fired again starts nothing; its steps run again (as after a crash) find what they made.
    await fireTick(DAILY, tick);
    expect((await runsOf('daily_content')).filter((row) => row.tick === tick)).toHaveLength(1);
    const before = { ideas: await count('content_ideas'), items: await count('content_items') };
    const scope = runnerScope();
    const request = { trigger: 'cron' as const, cron: DAILY, tick, idempotencyKey: 'again' };
    const context = workflowContext(scope, dailyContent, request, run?.id ?? '');
    const [ideasAgain, variantsAgain] = dailyContent.steps;
    const again = await ideasAgain?.run(context, {});
    expect(again?.output).toEqual({ ideaIds });
    expect(again?.note).toBe('10 of 10 idea(s); 10 kept from an earlier attempt');
    const redrafted = await variantsAgain?.run(context, { ideas: again?.output });
    expect(redrafted).toMatchObject({ costMicros: 0, output: { drafts } });
    expect({ ideas: await count('content_ideas'), items: await count('content_items') }).toEqual(before);
    expect(await modelRequestsWith(fresh)).toHaveLength(10);

    // As if a crash had cut the first attempt short before its last two ideas were stored: the
    // steps run again ask for those two alone and draft only them, under the same ids.
    const lost = ideaIds.slice(8);
    for (const id of lost) {
      await env.DB.prepare('delete from content_items where idea_id = ?').bind(id).run();
      await env.DB.prepare('delete from content_ideas where id = ?').bind(id).run();
    }
    const refill = uniqueMarker('refill');
    const refilled = [1, 2].map((n) => ({ topic: `Refilled idea ${n} ${refill}` }));
    await modelAnswers(asked, JSON.stringify({ ideas: [...refilled, { topic: earlier }] }));
    const resumed = await ideasAgain?.run(context, {});
    expect(resumed?.output).toEqual({ ideaIds });
    expect(resumed?.note).toBe('10 of 10 idea(s); 8 kept from an earlier attempt; 1 repeated topic(s) dropped');
    expect((await Promise.all(lost.map(ideaOf))).map((idea) => idea.topic)).toEqual(refilled.map((idea) => idea.topic));
    const completed = await variantsAgain?.run(context, { ideas: resumed?.output });
    expect(completed?.output).toMatchObject({ ideasDrafted: 10, drafts });
    expect(await modelRequestsWith(refill)).toHaveLength(2);
    expect({ ideas: await count('content_ideas'), items: await count('content_items') }).toEqual(before);
    await scope.services.dispose();
  });

  it("approved, a day's ten X drafts take the default slots of one day; LinkedIn's roll on at three a day", async () => {
    const [run] = (await runsOf('daily_content')).filter((row) => row.tick === Date.UTC(2026, 11, 8, 6, 0));
    const { ideaIds } = (stepsOf(run)[0]?.output ?? { ideaIds: [] }) as { ideaIds: string[] };
    const items = (await Promise.all(ideaIds.map(ideaOf))).flatMap((idea) => idea.items);
    const ids = (channel: string) => items.filter((item) => item.channel === channel).map((item) => item.id);
    const scope = runnerScope();
    const defaults = { ...scope.config.content, slots: defaultSlots(), dailyCap: {} };
    const now = Date.UTC(2026, 11, 9, 5, 0);
    const x = await approveDrafts(scope.services.d1, defaults, ids('x'), 'owner', now);
    const xTimes = x.map((result) => (result.ok ? result.scheduledFor : result.code));
    expect(xTimes).toEqual(DEFAULT_SLOTS.x.map((time) => `2026-12-09T${time}:00.000Z`));
    const linkedin = await approveDrafts(scope.services.d1, defaults, ids('linkedin'), 'owner', now);
    const perDay = new Map<string, number>();
    for (const result of linkedin) {
      const day = result.ok ? (result.scheduledFor ?? '').slice(0, 10) : result.code;
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    expect([...perDay.values()]).toEqual([3, 3, 3, 1]);
    expect([...perDay.keys()][0]).toBe('2026-12-09');
    await scope.services.dispose();
  });

  it("measures a week's target: the ideas a day within each channel's slots and cap", () => {
    const from = Date.UTC(2026, 11, 7, 0, 0);
    const plan = { slots: defaultSlots(), dailyCap: {}, timezone: 'UTC', ideasPerDay: 10 };
    expect(contentTarget(plan, from, from + 7 * DAY)).toMatchObject({ x: 70, linkedin: 21, blog: 14, newsletter: 1 });
    // Fewer ideas than slots, or a cap below both, set the day's number instead.
    const lean = { ...plan, ideasPerDay: 2, dailyCap: { linkedin: 1 } };
    expect(contentTarget(lean, from, from + 7 * DAY)).toMatchObject({ x: 14, linkedin: 7, blog: 14, newsletter: 1 });
    // A week starting mid-day counts only the slots left in it.
    expect(contentTarget(plan, from + 12 * 3_600_000, from + DAY)).toMatchObject({ x: 6, linkedin: 2, blog: 1 });
  });
});

describe('errors', () => {
  it('a model that only repeats earlier topics makes no idea: the run is skipped and says why', async () => {
    const asked = uniqueMarker('repeats');
    const earlier = await earlierTopic(asked);
    await modelAnswers(
      asked,
      JSON.stringify({ ideas: [{ topic: earlier }, { topic: ` ${earlier.toLowerCase()} ` }] }),
      2,
    );
    const tick = Date.UTC(2026, 11, 9, 6, 0);
    const ideasBefore = await count('content_ideas');
    await fireTick(DAILY, tick);
    const [run] = (await runsOf('daily_content')).filter((row) => row.tick === tick);
    expect(run?.status).toBe('skipped');
    expect(stepsOf(run)[0]).toMatchObject({
      status: 'skipped',
      note: 'no new idea: the 4 topic(s) proposed repeat earlier ones',
    });
    expect(await modelRequestsWith(asked)).toHaveLength(2);
    expect(await count('content_ideas')).toBe(ideasBefore);
  });
});

/** The built-in slots, as the config reads them when CONTENT_SLOTS is unset (the tests set it). */
function defaultSlots() {
  const slots = {} as Record<ContentChannel, Slot[]>;
  for (const channel of contentChannels)
    slots[channel] = DEFAULT_SLOTS[channel].flatMap((text) => parseSlot(text) ?? []);
  return slots;
}
