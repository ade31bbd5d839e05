import { createLeadSchema } from '../crm/lead-input';
import { createLead } from '../crm/lead-store';
import type { D1Db } from '../db/d1';
import type { RunStatusView } from './swarm-types';

export interface LeadImportSummary {
  created: number;
  duplicates: number;
  skipped: number;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
const amount = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;

/**
 * Turns a lead_research run's leads into CRM leads with their BANT inputs. Every field passes
 * the CRM's own schema; a lead without a valid email is skipped, a known email is left as is.
 */
export async function importResearchedLeads(
  db: D1Db,
  runId: string,
  leads: unknown,
  actor: string,
): Promise<LeadImportSummary> {
  const summary: LeadImportSummary = { created: 0, duplicates: 0, skipped: 0 };
  if (!Array.isArray(leads)) return summary;
  for (const entry of leads) {
    const lead = entry && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
    const timeline = amount(lead.timeline_days);
    const parsed = createLeadSchema.safeParse({
      name: text(lead.name),
      email: text(lead.email),
      company: text(lead.company) ?? null,
      title: text(lead.title) ?? null,
      source: 'lead_research',
      notes: [
        `Found by swarm run ${runId}.`,
        text(lead.evidence) ? `Evidence: ${text(lead.evidence)}` : '',
        text(lead.source) ? `Source: ${text(lead.source)}` : '',
      ]
        .filter(Boolean)
        .join(' ')
        .slice(0, 20_000),
      budgetAmount: amount(lead.budget_eur) ?? null,
      budgetCurrency: 'EUR',
      authorityRole: text(lead.authority) ?? null,
      needDescription: text(lead.need)?.slice(0, 2_000) ?? null,
      timelineDays: timeline === undefined ? null : Math.min(3_650, Math.round(timeline)),
    });
    if (!parsed.success) {
      summary.skipped += 1;
      continue;
    }
    const result = await createLead(db, parsed.data, actor, Date.now());
    if (result.ok) summary.created += 1;
    else summary.duplicates += 1;
  }
  return summary;
}

/**
 * A finished run asked to import its result (`onDone: import_leads`) brings its leads into the
 * CRM, as done by `swarm:<requester>`; any other run imports nothing and answers undefined.
 */
export async function importLeadsOfFinishedRun(
  db: D1Db,
  runId: string,
  status: RunStatusView | null,
): Promise<LeadImportSummary | undefined> {
  if (status?.progress.status !== 'done' || status.onDone !== 'import_leads' || !status.resultJson) return undefined;
  return importResearchedLeads(db, runId, JSON.parse(status.resultJson), `swarm:${status.requestedBy}`);
}
