import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { contentChannels } from '../../src/db/content-schema';
import { leadResearch } from '../../src/workflows/lead-research';
import { workflowContext } from '../../workers/workflow-runner';
import { api, approve, type Idea, type Item, modelAnswers, newIdea } from '../content/content-helpers';
import { crm, type Lead } from '../crm/crm-helpers';
import { uniqueMarker } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';
import { fireTick, ownerMessages, runnerScope, runsOf, settleRun, stepsOf } from './helpers';

const OWN_ACCOUNT = '1700000000000000001';

const xPosts = async (marker: string) =>
  ((await (await fetch(`${env.FAKE_X_URL}/__fake/posts`)).json()) as { id: string; text: string }[]).filter((post) =>
    post.text.includes(marker),
  );

describe('happy', () => {
  it('daily_content: ideas -> a draft per channel -> the owner is asked to approve, once per tick', async () => {
    // An earlier idea carries the marker into the ideas prompt, so this run alone gets the scripted
    // answer: one idea, twice (the second ask finds only the repeat), whatever the count asked for.
    const asked = uniqueMarker('ideas-asked');
    await newIdea(ownerKey, { topic: `Earlier topic ${asked}` });
    const topic = `Invoices that chase themselves ${uniqueMarker('idea')}`;
    await modelAnswers(asked, JSON.stringify({ ideas: [{ topic, brief: 'For small firms.' }] }), 2);
    const tick = Date.UTC(2026, 11, 2, 6, 0);
    await Promise.all([fireTick('0 6 * * *', tick), fireTick('0 6 * * *', tick)]);
    const runs = (await runsOf('daily_content')).filter((run) => run.tick === tick);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.status).toBe('succeeded');
    const steps = stepsOf(runs[0]);
    expect(steps.map((step) => [step.name, step.status])).toEqual([
      ['ideas', 'succeeded'],
      ['variants', 'succeeded'],
      ['notify', 'succeeded'],
    ]);
    const { ideaIds } = (steps[0]?.output ?? {}) as { ideaIds: string[] };
    expect(ideaIds).toHaveLength(1);
    expect(steps[0]?.note).toBe('1 of 10 idea(s); 1 repeated topic(s) dropped');
    const idea = (await (await api(`/api/content/ideas/${ideaIds[0]}`, ownerKey)).json()) as Idea;
    expect(idea.topic).toBe(topic);
    expect(idea.items.map((item) => [item.channel, item.status])).toEqual(
      contentChannels.map((channel) => [channel, 'draft']),
    );
    const [message, ...more] = await ownerMessages(`- ${idea.topic}`);
    expect(more).toEqual([]);
    const drafts = contentChannels.length;
    expect(message).toMatch(new RegExp(`^${drafts} content draft\\(s\\) for 1 idea\\(s\\) await your approval:`));
    expect(message).toContain('/approve <id…>');
  });

  it('social_posting: publishes due items to X and the blog once, with their remote ids', async () => {
    const marker = uniqueMarker('tick');
    const idea = await newIdea(ownerKey, {
      topic: marker,
      variants: { x: { text: `Posted by the tick ${marker}.` }, blog: { title: `Blog ${marker}`, markdown: 'Body' } },
    });
    for (const item of idea.items) {
      await approve(ownerKey, item.id);
      await env.DB.prepare('update content_items set scheduled_at = ? where id = ?')
        .bind(Date.now() - 60_000, item.id)
        .run();
    }
    const tick = Date.UTC(2026, 11, 2, 12, 0);
    await fireTick('0 */6 * * *', tick);
    await fireTick('0 */6 * * *', tick);
    const runs = (await runsOf('social_posting')).filter((run) => run.tick === tick);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.status).toBe('succeeded');
    const posted = await xPosts(marker);
    expect(posted).toHaveLength(1);
    const x = (await (await api(`/api/content/items/${idea.items[0]?.id}`, ownerKey)).json()) as Item;
    expect(x).toMatchObject({ status: 'published', publication: { dryRun: false, remoteIds: [posted[0]?.id] } });
    const output = stepsOf(runs[0])[0]?.output as { published: { id: string }[] };
    expect(output.published.map((entry) => entry.id).sort()).toEqual(idea.items.map((item) => item.id).sort());
    await fireTick('0 */6 * * *', tick + 6 * 3_600_000);
    expect(await xPosts(marker)).toHaveLength(1);
  });

  it('lead_research: mentions become leads, then the lead_research task is started', async () => {
    const marker = uniqueMarker('wf-lead');
    const handle = uniqueMarker('lead').replace(/-/g, '_');
    const added = await fetch(`${env.FAKE_X_URL}/__fake/mentions`, {
      method: 'POST',
      body: JSON.stringify({
        userId: OWN_ACCOUNT,
        posts: [
          {
            text: `@acme what do you charge for a BMA audit? ${marker}`,
            author: { id: '4242', username: handle, name: 'Ida Berg' },
          },
        ],
      }),
    });
    const postId = ((await added.json()) as { added: { id: string }[] }).added[0]?.id;
    await modelAnswers(
      marker,
      JSON.stringify({
        intent: true,
        confidence: 0.8,
        name: 'Ida Berg',
        company: null,
        role: null,
        reason: 'asks for a price',
      }),
    );
    const tick = Date.UTC(2026, 11, 2, 10, 0);
    await fireTick('0 10 * * *', tick);
    await fireTick('0 10 * * *', tick);
    const runs = (await runsOf('lead_research')).filter((run) => run.tick === tick);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.status).toBe('succeeded');
    const [mentions, task] = stepsOf(runs[0]);
    const found = mentions?.output as { leads: { postId: string; leadId: string }[] };
    expect(found.leads.map((lead) => lead.postId)).toEqual([postId]);
    const lead = (await (await crm(`/leads/${found.leads[0]?.leadId}`, ownerKey)).json()) as Lead;
    expect(lead).toMatchObject({ name: 'Ida Berg', source: 'x', email: `${handle}@x.invalid` });
    const { taskRunId } = (task?.output ?? {}) as { taskRunId: string };
    const started = await api(`/api/runs/${taskRunId}`, ownerKey);
    expect(started.status).toBe(200);
    expect(await started.json()).toMatchObject({ task: 'lead_research' });

    // The step run again (as after a crash cut it before its record) finds that swarm, not a second one.
    const scope = runnerScope();
    const request = { trigger: 'cron' as const, cron: '0 10 * * *', tick, idempotencyKey: 'again' };
    const context = workflowContext(scope, leadResearch, request, runs[0]?.id ?? '');
    const { icp, regions } = context.content.leadResearch;
    const taskRuns = async () =>
      ((await (await api('/api/runs?limit=200', ownerKey)).json()) as { runs: { task: string }[] }).runs.filter(
        (run) => run.task === 'lead_research',
      ).length;
    const before = await taskRuns();
    expect(await context.startTask('lead_research', { icp, regions })).toBe(taskRunId);
    expect(await taskRuns()).toBe(before);
    await scope.services.dispose();
  });
});

describe('errors', () => {
  it('daily_content: a refused ideas answer fails the run and alerts; a retry resumes from that step', async () => {
    const marker = uniqueMarker('bad-ideas');
    // The ideas prompt lists earlier topics, so this marker reaches it.
    await newIdea(ownerKey, { topic: marker });
    await modelAnswers(marker, 'no JSON here', 4);
    const tick = Date.UTC(2026, 11, 3, 6, 0);
    await fireTick('0 6 * * *', tick);
    const [failed] = (await runsOf('daily_content')).filter((run) => run.tick === tick);
    expect(failed).toMatchObject({ status: 'failed', failed_step: 'ideas' });
    expect(failed?.error).toMatch(/the ideas answer was refused/);
    expect(await ownerMessages(`Run ${failed?.id}`)).toHaveLength(1);
    // The fake's own example topic was used on an earlier day: the retry gets a new one.
    await modelAnswers(marker, JSON.stringify({ ideas: [{ topic: `Retried ${marker}` }] }));
    const retried = await api(`/api/workflows/runs/${failed?.id}/retry`, ownerKey, { method: 'POST' });
    expect(retried.status).toBe(202);
    await settleRun(((await retried.json()) as { run: { id: string } }).run.id);
    const retry = (await runsOf('daily_content')).find((run) => run.retry_of === failed?.id);
    expect(retry?.status).toBe('succeeded');
  });
});
