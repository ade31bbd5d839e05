import type { D1Db } from '../db/d1';
import { csvLine } from './csv';
import { type LeadFilters, listLeads } from './lead-query';
import { type LeadView, presentLead } from './lead-view';

// The columns import reads back, plus the read-only ones (id, score, times) it skips.
export const exportColumns = [
  'id',
  'name',
  'email',
  'company',
  'title',
  'source',
  'status',
  'score',
  'budgetAmount',
  'budgetCurrency',
  'authorityRole',
  'authorityLevel',
  'needDescription',
  'painLevel',
  'timelineDays',
  'targetDate',
  'notes',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof LeadView)[];

const PAGE = 500;

/** Every lead matching `filters` as CSV, newest first, with formula-looking cells neutralised. */
export async function exportLeadsCsv(db: D1Db, filters: LeadFilters): Promise<string> {
  const lines = [csvLine(exportColumns)];
  let after: number | undefined;
  for (;;) {
    const page = await listLeads(db, filters, PAGE, after === undefined ? undefined : { k: 'list', s: after });
    for (const row of page.items) {
      const lead = presentLead(row);
      lines.push(csvLine(exportColumns.map((column) => lead[column])));
    }
    const last = page.items[page.items.length - 1];
    if (!page.nextCursor || !last) return lines.join('');
    after = last.seq;
  }
}
