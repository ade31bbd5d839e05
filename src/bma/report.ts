import type { AuditResult } from '../db/bma-schema';
import { escapeHtml as html } from '../lib/escape-html';

export interface ReportMeta {
  id: string;
  customer?: string;
  createdAt: number;
}

const priorityLabel = {
  immediately: 'Immediately',
  within_4_weeks: 'Within 4 weeks',
  next_maintenance: 'At next maintenance',
};

// Markdown: user text is escaped so a finding cannot inject links, images, HTML or table cells.
const md = (text: string) => text.replace(/[\\`*_{}[\]()#+!|<>~-]/g, (ch) => `\\${ch}`).replace(/\r?\n/g, ' ');

export function reportMarkdown(result: AuditResult, meta: ReportMeta): string {
  const { site } = result;
  const lines = [
    `# Fire-alarm system audit: ${md(site.name)}`,
    '',
    `- Audit: ${meta.id}`,
    `- Date: ${new Date(meta.createdAt).toISOString().slice(0, 10)}`,
    ...(meta.customer ? [`- Customer: ${md(meta.customer)}`] : []),
    `- Site: ${md(site.type.replace('_', ' '))}, ${site.areaM2} m², ${site.floors} floor(s)${site.address ? `, ${md(site.address)}` : ''}`,
    `- Fire brigade connection: ${site.connectedToFireBrigade ? 'yes' : 'no'}`,
    '',
    '## Summary',
    '',
    md(result.summary),
    '',
    '## Optimisation suggestions',
    '',
    ...(result.suggestions.length === 0
      ? ['None.']
      : result.suggestions.map(
          (s) => `1. **${priorityLabel[s.priority]}**${s.itemId ? ` (${s.itemId})` : ''}: ${md(s.text)}`,
        )),
    '',
    '## Findings',
    '',
    ...(result.findings.length === 0
      ? ['No findings were reported.']
      : result.findings.map(
          (f) =>
            `- ${md(f.text)}${f.location ? ` (${md(f.location)})` : ''} -> ${f.itemId ?? 'no matching item, to review'}${f.severity ? `, ${f.severity}` : ''}`,
        )),
    '',
    '## Checklist',
    '',
    '| Item | Category | Requirement | Norm | Severity | Status |',
    '|---|---|---|---|---|---|',
    ...result.checklist.map(
      (c) =>
        `| ${c.itemId} | ${c.category} | ${md(c.requirement)} | ${md(c.norm)} | ${c.severity} | ${c.status === 'deviation' ? '**deviation**' : 'to verify'} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

const STYLE = `body{font-family:system-ui,sans-serif;color:#111;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid #ccc;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{border:1px solid #bbb;padding:.3rem .4rem;text-align:left;vertical-align:top}
th{background:#eee}.deviation{background:#fde8e8;font-weight:600}.critical{color:#a00;font-weight:600}
@page{size:A4;margin:18mm 15mm}
@media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}tr,li{break-inside:avoid}a{color:inherit;text-decoration:none}thead{display:table-header-group}}`;

export function reportHtml(result: AuditResult, meta: ReportMeta): string {
  const { site } = result;
  const suggestions = result.suggestions
    .map(
      (s) =>
        `<li><strong>${priorityLabel[s.priority]}</strong>${s.itemId ? ` (${html(s.itemId)})` : ''}: ${html(s.text)}</li>`,
    )
    .join('');
  const findings = result.findings
    .map(
      (f) =>
        `<li>${html(f.text)}${f.location ? ` (${html(f.location)})` : ''} &rarr; ${f.itemId ? html(f.itemId) : 'no matching item, to review'}${f.severity ? `, <span class="${f.severity}">${f.severity}</span>` : ''}</li>`,
    )
    .join('');
  const rows = result.checklist
    .map(
      (c) =>
        `<tr${c.status === 'deviation' ? ' class="deviation"' : ''}><td>${html(c.itemId)}</td><td>${html(c.category)}</td><td>${html(c.requirement)}</td><td>${html(c.norm)}</td><td class="${c.severity}">${c.severity}</td><td>${c.status === 'deviation' ? 'deviation' : 'to verify'}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>BMA audit: ${html(site.name)}</title><style>${STYLE}</style></head><body>
<h1>Fire-alarm system audit: ${html(site.name)}</h1>
<p>Audit ${html(meta.id)} &middot; ${new Date(meta.createdAt).toISOString().slice(0, 10)}${meta.customer ? ` &middot; Customer: ${html(meta.customer)}` : ''}<br>${html(site.type.replace('_', ' '))}, ${site.areaM2} m², ${site.floors} floor(s)${site.address ? `, ${html(site.address)}` : ''} &middot; fire brigade connection: ${site.connectedToFireBrigade ? 'yes' : 'no'}</p>
<h2>Summary</h2><p>${html(result.summary)}</p>
<h2>Optimisation suggestions</h2>${suggestions ? `<ol>${suggestions}</ol>` : '<p>None.</p>'}
<h2>Findings</h2>${findings ? `<ul>${findings}</ul>` : '<p>No findings were reported.</p>'}
<h2>Checklist</h2><table><thead><tr><th>Item</th><th>Category</th><th>Requirement</th><th>Norm</th><th>Severity</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table>
</body></html>`;
}
