import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ErrorShape } from '../helpers/fetch';
import { addFault, uniqueMarker } from '../helpers/gateway';
import { createKey } from '../helpers/keys';
import { api, created } from '../sales/sales-helpers';

let operatorKey = '';
let readonlyKey = '';

beforeAll(async () => {
  operatorKey = await createKey('operator');
  readonlyKey = await createKey('readonly');
});

interface Audit {
  id: string;
  checklist: { itemId: string; status: string; findings: number[] }[];
  findings: { index: number; itemId: string | null; matchedBy: string | null; severity: string | null }[];
  suggestions: { priority: string; itemId: string | null; text: string; rule: string }[];
  summary: string;
  counts: { items: number; deviations: number; critical: number; unmapped: number };
  wording: { source: string; fallback?: string };
  report: { markdown: string; html: string };
}

const careHome = {
  name: 'Haus Lindenhof',
  type: 'care_home',
  areaM2: 4200,
  floors: 3,
  occupants: 120,
  connectedToFireBrigade: true,
};

const audit = (body: unknown) => api('/api/bma/audits', operatorKey, { method: 'POST', json: body });

describe('happy', () => {
  it('builds the checklist for the site, maps findings and suggests fixes by priority', async () => {
    const result = await created<Audit>(
      audit({
        site: careHome,
        customer: 'Lindenhof gGmbH',
        findings: [
          { text: 'Yearly maintenance overdue since March, detectors not tested' },
          { text: 'Route cards (Laufkarten) outdated after the 2024 renovation', location: 'FBF' },
          { text: 'Something unusual nobody has a rule for' },
          { itemId: 'VDE0833-BATTERY', text: 'Batteries from 2017', severity: 'minor' },
        ],
      }),
    );
    const ids = result.checklist.map((entry) => entry.itemId);
    expect(ids).toEqual(
      expect.arrayContaining([
        'SITE-SLEEPING-FULL-COVERAGE',
        'SITE-CARE-EVACUATION',
        'DIN14675-ROUTE-CARDS',
        'VDE0833-ZONES',
      ]),
    );
    expect(ids).not.toContain('SITE-WAREHOUSE-HIGH-RACKS');
    expect(result.findings.map((finding) => [finding.itemId, finding.matchedBy])).toEqual([
      ['VDE0833-MAINTENANCE-YEARLY', 'keywords'],
      ['DIN14675-ROUTE-CARDS', 'keywords'],
      [null, null],
      ['VDE0833-BATTERY', 'item_id'],
    ]);
    expect(result.checklist.find((entry) => entry.itemId === 'VDE0833-BATTERY')).toMatchObject({
      status: 'deviation',
      findings: [3],
    });
    expect(result.counts).toMatchObject({ deviations: 3, critical: 2, unmapped: 1 });
    expect(result.suggestions.map((s) => [s.priority, s.itemId])).toEqual([
      ['immediately', 'DIN14675-ROUTE-CARDS'],
      ['immediately', 'VDE0833-MAINTENANCE-YEARLY'],
      ['next_maintenance', 'VDE0833-BATTERY'],
    ]);
    expect(result.summary).toContain('3 show deviations, 2 of them critical');
    expect(result.wording).toEqual({ source: 'rules' });
  });

  it('a small office gets fewer items than a care home, and site rules add suggestions', async () => {
    const office = await created<Audit>(
      audit({ site: { name: 'Büro Nord', type: 'office', areaM2: 300, floors: 1 }, findings: [] }),
    );
    const home = await created<Audit>(audit({ site: { ...careHome, connectedToFireBrigade: false }, findings: [] }));
    expect(office.counts.items).toBeLessThan(home.counts.items);
    expect(office.checklist.every((entry) => entry.status === 'to_verify')).toBe(true);
    expect(home.suggestions.map((s) => s.rule)).toContain('sleeping occupants without fire brigade connection');
  });

  it('renders the report as markdown and as print-ready HTML', async () => {
    const result = await created<Audit>(audit({ site: careHome, findings: [{ text: 'Logbook missing since 2023' }] }));
    const markdown = await api(result.report.markdown, operatorKey);
    expect(markdown.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const text = await markdown.text();
    expect(text).toMatch(/^# Fire-alarm system audit: Haus Lindenhof\n/);
    expect(text).toContain('| DIN14675-LOGBOOK | documentation |');
    expect(text).toContain('**deviation**');
    const html = await api(result.report.html, operatorKey);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await html.text();
    expect(page).toContain('@media print');
    expect(page).toContain('@page{size:A4');
    expect(page).toContain('<tr class="deviation"><td>DIN14675-LOGBOOK</td>');
  });

  it('words the summary through the router when asked', async () => {
    const marker = uniqueMarker('bma-wording');
    const summary = `Haus Lindenhof needs its yearly maintenance at once; the other items are to be verified on site. ${marker}`;
    await modelAnswers(marker, JSON.stringify({ summary }));
    const result = await created<Audit>(
      audit({ site: { ...careHome, name: `Lindenhof ${marker}` }, findings: [], wording: 'llm' }),
    );
    expect(result.wording).toEqual({ source: 'llm' });
    expect(result.summary).toBe(summary);
  });
});

describe('errors', () => {
  it('keeps the rule-based summary when the router fails', async () => {
    const marker = uniqueMarker('bma-down');
    await addFault({ contains: marker, status: 500, times: 20 });
    const result = await created<Audit>(audit({ site: { ...careHome, name: marker }, findings: [], wording: 'llm' }));
    expect(result.wording.source).toBe('rules');
    expect(result.wording.fallback).toBeTruthy();
    expect(result.summary).toMatch(/checklist items apply/);
  });

  it('refuses bad sites and findings with 400 and unknown audits with 404', async () => {
    for (const body of [
      { site: { ...careHome, type: 'castle' }, findings: [] },
      { site: { ...careHome, areaM2: -5 }, findings: [] },
      { site: careHome, findings: [{ text: '' }] },
      { site: careHome, findings: Array.from({ length: 201 }, () => ({ text: 'x' })) },
      { site: careHome, engagementId: crypto.randomUUID() },
      { findings: [] },
    ]) {
      const response = await audit(body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(((await response.json()) as ErrorShape).error.code).toBe('invalid_request');
    }
    expect((await api(`/api/bma/audits/${crypto.randomUUID()}/report.html`, operatorKey)).status).toBe(404);
  });
});

describe('security', () => {
  it('escapes user text in both reports', async () => {
    const evil = '<script>alert(1)</script> [click](https://evil.example) | cell';
    const result = await created<Audit>(
      audit({
        site: { ...careHome, name: `<img src=x onerror=alert(1)>` },
        customer: evil,
        findings: [{ text: evil, location: '"><b>x' }],
      }),
    );
    const page = await (await api(result.report.html, operatorKey)).text();
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('"><b>');
    expect(page).toContain('&lt;script&gt;');
    const markdown = await (await api(result.report.markdown, operatorKey)).text();
    expect(markdown).not.toContain('[click](https://evil.example)');
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('\\[click\\]\\(https://evil.example\\) \\| cell');
  });

  it('needs owner or operator to audit and a key to read reports', async () => {
    const response = await api('/api/bma/audits', readonlyKey, { method: 'POST', json: { site: careHome } });
    expect(response.status).toBe(403);
    const result = await created<Audit>(audit({ site: careHome }));
    expect((await api(result.report.html, undefined)).status).toBe(401);
  });
});

async function modelAnswers(marker: string, content: string): Promise<void> {
  const completion = {
    id: `chatcmpl-${marker}`,
    object: 'chat.completion',
    created: 1_790_000_000,
    model: 'qwen2.5-coder',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 120, completion_tokens: 40, total_tokens: 160 },
  };
  const response = await fetch(`${env.FAKE_LLM_URL}/__fake/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ contains: marker, status: 200, body: completion }),
  });
  if (!response.ok) throw new Error(`fault not accepted: ${await response.text()}`);
}
