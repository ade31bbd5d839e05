import { describe, expect, it } from 'vitest';
import { waitForAudit } from '../audit/audit-helpers';
import { workerFetch } from '../helpers/fetch';
import { ownerKey } from '../helpers/keys';
import { startTask, waitForRun } from '../helpers/runs';
import { addPage, call, htmlPage, scriptConversation } from '../helpers/web';

const tag = (name: string) => `probe${name}${crypto.randomUUID().slice(0, 8)}`;
const auth = { authorization: `Bearer ${ownerKey}` };

async function crmSearch(q: string) {
  const response = await workerFetch(`/api/crm/leads/search?q=${encodeURIComponent(q)}`, { headers: auth });
  return ((await response.json()) as { items: { email: string; source: string | null; notes: string | null }[] }).items;
}

async function waitForLead(q: string) {
  for (let tries = 0; tries < 50; tries += 1) {
    const [found] = await crmSearch(q);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

describe('happy', () => {
  it('lead_research keeps the leads that cite a page it read, and imports only those', async () => {
    const marker = tag('lead');
    const handoff = tag('qualify');
    const page = await addPage({
      path: `/research/${marker}`,
      body: htmlPage(
        'Alpenhof Hotels opens three sites',
        'Dana Kovacs, Head of Operations, leads facility automation.',
      ),
      search: { title: 'Alpenhof Hotels opens three sites', description: 'Facility automation' },
    });
    await scriptConversation(marker, [
      call('web_search', { query: 'hotel groups DACH facility automation' }),
      call('web_fetch', { url: page }),
      { text: `Alpenhof Hotels fits: Dana Kovacs leads automation (read at ${page}). ${handoff}` },
    ]);
    const lead = (name: string, email: string, source?: string) => ({
      name,
      company: `${name} GmbH`,
      title: 'Head of Operations',
      email,
      evidence: 'Three new sites',
      budget_eur: 12_000,
      authority: 'decision maker',
      need: 'Automate reporting',
      timeline_days: 60,
      ...(source ? { source } : {}),
    });
    await scriptConversation(handoff, [
      {
        text: JSON.stringify({
          leads: [
            lead('Dana Kovacs', `dana.${marker}@alpenhof.example`, `${page}#team`),
            lead('Remembered Person', `remembered.${marker}@example.com`, 'https://elsewhere.example/about'),
            lead('Guessed Person', `guessed.${marker}@example.com`),
          ],
        }),
      },
    ]);

    const started = await startTask('lead_research', { inputs: { icp: `Hotels ${marker}`, regions: ['DACH'] } });
    expect(started.status).toBe(202);
    const { runId } = (await started.json()) as { runId: string };
    const run = await waitForRun(runId);
    expect(run).toMatchObject({ status: 'done', done: 1, failed: 0 });
    expect(run.results).toEqual([
      expect.objectContaining({ email: `dana.${marker}@alpenhof.example`, source: `${page}#team` }),
    ]);

    const imported = await waitForLead(`dana.${marker}`);
    expect(imported).toMatchObject({ source: 'lead_research' });
    expect(imported?.notes).toContain(page);
    expect(await crmSearch(`remembered.${marker}`)).toEqual([]);
    expect(await crmSearch(`guessed.${marker}`)).toEqual([]);

    // Each tool run is in the audit log under the task's agent working for this run.
    const audit = await waitForAudit(`?actor=numbers:run:${runId}&action=agent.tool`, (p) => p.items.length >= 2);
    expect(audit.items.map((item) => [item.target?.id, item.outcome]).sort()).toEqual([
      ['web_fetch', 'ok'],
      ['web_search', 'ok'],
    ]);
  }, 60_000);

  it('competitor_analysis keeps cited facts, strengths and weaknesses, and marks the rest unsupported', async () => {
    const marker = tag('rival');
    const pricing = await addPage({
      path: `/research/${marker}/pricing`,
      body: htmlPage('Rival pricing', 'Plans from 40,000 EUR a year. Certified partners in 12 countries.'),
      search: { title: 'Rival pricing', description: 'Plans' },
    });
    await scriptConversation(marker, [
      call('web_search', { query: `Rival ${marker} pricing` }),
      call('web_fetch', { url: pricing }),
      {
        text: JSON.stringify({
          competitor: `Rival ${marker}`,
          positioning: 'Enterprise automation',
          facts: [{ claim: 'Plans from 40,000 EUR a year', source: pricing }],
          strengths: [
            { claim: 'Certified partners in 12 countries', source: pricing },
            { claim: 'Best support in the market', source: 'https://rival.example/reviews' },
          ],
          weaknesses: [{ claim: 'Nothing for small firms' }],
          opening: 'Small firms',
          opening_score: 8,
        }),
      },
    ]);
    const started = await startTask('competitor_analysis', {
      inputs: { market: 'automation consulting', competitors: [`Rival ${marker}`] },
    });
    const { runId } = (await started.json()) as { runId: string };
    const run = await waitForRun(runId);
    expect(run).toMatchObject({ status: 'done', done: 1, failed: 0 });
    const [result] = run.results as Record<string, unknown>[];
    expect(result).toMatchObject({
      competitor: `Rival ${marker}`,
      facts: [{ claim: 'Plans from 40,000 EUR a year', source: pricing }],
      strengths: [{ claim: 'Certified partners in 12 countries', source: pricing }],
      weaknesses: [],
      sources: [{ url: pricing, title: 'Rival pricing' }],
      unsupported: [
        {
          list: 'strengths',
          claim: { claim: 'Best support in the market', source: 'https://rival.example/reviews' },
          reason: 'https://rival.example/reviews was not fetched in this job',
        },
        { list: 'weaknesses', claim: { claim: 'Nothing for small firms' }, reason: 'no source' },
      ],
    });
  }, 60_000);
});
