import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { contentChannels } from '../../src/db/content-schema';
import { newIdea } from '../content/content-helpers';
import { uniqueMarker } from '../helpers/gateway';
import { ownerKey } from '../helpers/keys';
import { modelRequestsWith } from '../security/injection-helpers';
import { fireTick, ownerMessages, runsOf, stepsOf } from './helpers';

// Its own file: the task:daily_content cap and the day's spend it counts start at zero here.

const DAILY = '0 6 * * *';
const SCOPE = { kind: 'task', id: 'daily_content' } as const;
const fewIdeas = { ...env, CONTENT_IDEAS_PER_DAY: '4' } as Env;

/** The next request carrying `marker` (up to `times`) gets `content`, billed as `usage` tokens. */
async function answer(marker: string, content: string, usage: { prompt: number; completion: number }, times = 1) {
  const body = {
    id: `chatcmpl-${marker}`,
    object: 'chat.completion',
    created: 1_790_000_000,
    model: 'kimi-k2.5',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: {
      prompt_tokens: usage.prompt,
      completion_tokens: usage.completion,
      total_tokens: usage.prompt + usage.completion,
    },
  };
  const response = await fetch(`${env.FAKE_LLM_URL}/__fake/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ contains: marker, status: 200, body, times }),
  });
  expect(response.ok).toBe(true);
}

const variants = JSON.stringify({
  x: { text: 'Automate invoicing first: it pays back in a month.' },
  linkedin: { text: 'Automate invoicing first. Here is why it pays back fastest.' },
  blog: { title: 'Invoicing first', markdown: '# Invoicing first\n\nIt pays back in a month.' },
  newsletter: { subject: 'Invoicing first', markdown: 'Hello,\n\nStart with invoicing.' },
  discord: { text: 'Automate invoicing first: it pays back in a month.' },
  reddit: { title: 'Invoicing first', text: 'Start with invoicing: it pays back in a month.' },
});

const deferredWith = async (marker: string) =>
  (
    await env.DB.prepare('select count(*) as n from deferred_calls where request like ?')
      .bind(`%${marker}%`)
      .first<{ n: number }>()
  )?.n;

describe('errors', () => {
  it('a cap that refuses the ideas call skips the run with a note; nothing is queued for later', async () => {
    const asked = uniqueMarker('no-budget');
    await newIdea(ownerKey, { topic: `Earlier topic ${asked}` });
    const ledger = env.BUDGET.getByName('global');
    await ledger.setCap(SCOPE, 'day', 0);
    const tick = Date.UTC(2026, 11, 14, 6, 0);
    try {
      await fireTick(DAILY, tick, { env: fewIdeas });
    } finally {
      await ledger.setCap(SCOPE, 'day', null);
    }
    const [run] = (await runsOf('daily_content')).filter((row) => row.tick === tick);
    expect(run?.status).toBe('skipped');
    expect(stepsOf(run)[0]?.note).toBe('no idea made: over budget: the day cap of task:daily_content is reached');
    expect(await modelRequestsWith(asked)).toEqual([]);
    expect(await deferredWith(asked)).toBe(0);
  });

  it('a cap reached mid-run leaves the ideas it refused undrafted, keeps what was made and says why', async () => {
    const asked = uniqueMarker('budget-asked');
    const fresh = uniqueMarker('budget-idea');
    await newIdea(ownerKey, { topic: `Earlier topic ${asked}` });
    const topics = Array.from({ length: 4 }, (_, n) => ({ topic: `Budget idea ${n + 1} ${fresh}` }));
    await answer(asked, JSON.stringify({ ideas: topics }), { prompt: 300, completion: 200 });
    // Each draft call is billed its whole worst case (4,000 output tokens of Kimi at $3 per million:
    // $0.012), so the cap takes the ideas call and two draft calls; the third does not fit.
    await answer(fresh, variants, { prompt: 100, completion: 4_000 }, 4);
    const ledger = env.BUDGET.getByName('global');
    await ledger.setCap(SCOPE, 'day', 32_000);
    const tick = Date.UTC(2026, 11, 15, 6, 0);
    try {
      await fireTick(DAILY, tick, { env: fewIdeas });
    } finally {
      await ledger.setCap(SCOPE, 'day', null);
    }
    const [run] = (await runsOf('daily_content')).filter((row) => row.tick === tick);
    expect(run?.status).toBe('succeeded');
    const [ideas, drafts] = stepsOf(run);
    expect((ideas?.output as { ideaIds?: string[] } | undefined)?.ideaIds).toHaveLength(4);
    const stopped = 'over budget: the day cap of task:daily_content is reached; 2 of 4 idea(s) not drafted';
    expect(drafts?.output).toMatchObject({ ideasDrafted: 2, drafts: 2 * contentChannels.length, stopped });
    expect(drafts?.note).toContain(stopped);
    expect(await modelRequestsWith(fresh)).toHaveLength(2);
    expect(await deferredWith(fresh)).toBe(0);
    const [message] = await ownerMessages(topics[3]?.topic ?? 'none');
    expect(message).toMatch(new RegExp(`^${2 * contentChannels.length} content draft\\(s\\) for 2 idea\\(s\\)`));
    expect(message).toContain(`Stopped early, ${stopped}.`);
  });
});
