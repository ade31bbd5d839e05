import type { AuditResult, ChecklistEntry, Finding, MappedFinding, Severity, Site, Suggestion } from '../db/bma-schema';
import { searchKnowledge } from './knowledge';
import type { KnowledgeItem } from './knowledge-schema';

const SLEEPING_TYPES = new Set(['hotel', 'hospital', 'care_home']);
/** A finding is mapped by keywords only when its best item scores at least this. */
const MIN_MATCH_SCORE = 3;

export function applies(item: KnowledgeItem, site: Site): boolean {
  const rule = item.applies_to;
  if (!rule) return true;
  const sleeping = site.sleepingOccupants ?? SLEEPING_TYPES.has(site.type);
  if (rule.site_types && !rule.site_types.includes(site.type)) return false;
  if (rule.min_area_m2 !== undefined && site.areaM2 < rule.min_area_m2) return false;
  if (rule.min_floors !== undefined && site.floors < rule.min_floors) return false;
  if (rule.min_occupants !== undefined && (site.occupants ?? 0) < rule.min_occupants) return false;
  if (rule.sleeping_occupants !== undefined && rule.sleeping_occupants !== sleeping) return false;
  if (rule.connected_to_fire_brigade !== undefined && rule.connected_to_fire_brigade !== site.connectedToFireBrigade)
    return false;
  return true;
}

const priorityOf: Record<Severity, Suggestion['priority']> = {
  critical: 'immediately',
  major: 'within_4_weeks',
  minor: 'next_maintenance',
};
const rank: Record<Severity, number> = { critical: 0, major: 1, minor: 2 };

function mapFinding(finding: Finding, index: number, checklist: readonly KnowledgeItem[]): MappedFinding {
  const base = { index, text: finding.text, ...(finding.location ? { location: finding.location } : {}) };
  const named = finding.itemId ? checklist.find((item) => item.id === finding.itemId) : undefined;
  if (named) return { ...base, itemId: named.id, matchedBy: 'item_id', severity: finding.severity ?? named.severity };
  const [best] = searchKnowledge(finding.text, { items: checklist, limit: 1 });
  if (best && best.score >= MIN_MATCH_SCORE) {
    return { ...base, itemId: best.item.id, matchedBy: 'keywords', severity: finding.severity ?? best.item.severity };
  }
  return { ...base, itemId: null, matchedBy: null, severity: finding.severity ?? null };
}

/** Site-level rules that hold whatever was found. */
function siteRules(site: Site): Suggestion[] {
  const out: Suggestion[] = [];
  const sleeping = site.sleepingOccupants ?? SLEEPING_TYPES.has(site.type);
  if (sleeping && !site.connectedToFireBrigade) {
    out.push({
      priority: 'within_4_weeks',
      itemId: null,
      text: 'People sleep on this site but alarms do not reach the fire brigade: discuss a fire brigade connection (alarm transmission per EN 54-21) with the authority.',
      rule: 'sleeping occupants without fire brigade connection',
    });
  }
  if (site.areaM2 >= 1600 && site.floors === 1) {
    out.push({
      priority: 'next_maintenance',
      itemId: 'VDE0833-ZONES',
      text: 'A single floor of 1,600 m² or more needs several detection zones: check the zone plan.',
      rule: 'large single-floor site',
    });
  }
  return out;
}

export function summarise(result: Omit<AuditResult, 'summary'>): string {
  const { counts, site } = result;
  const head = `${site.name} (${site.type.replace('_', ' ')}, ${site.areaM2} m², ${site.floors} floor${site.floors === 1 ? '' : 's'}): ${counts.items} checklist items apply.`;
  if (counts.deviations === 0)
    return `${head} No deviations were reported; every item is still to be verified on site.`;
  return `${head} ${counts.deviations} show deviations, ${counts.critical} of them critical and to be fixed immediately.${counts.unmapped ? ` ${counts.unmapped} finding(s) did not match a checklist item and need review.` : ''}`;
}

/** The deterministic audit: checklist for the site, findings mapped onto it, suggestions by rule. */
export function runAudit(site: Site, findings: readonly Finding[], items: readonly KnowledgeItem[]): AuditResult {
  const relevant = items.filter((item) => applies(item, site));
  const mapped = findings.map((finding, index) => mapFinding(finding, index, relevant));
  const checklist: ChecklistEntry[] = relevant.map((item) => {
    const hits = mapped.filter((finding) => finding.itemId === item.id).map((finding) => finding.index);
    return {
      itemId: item.id,
      category: item.category,
      requirement: item.requirement,
      norm: item.norm,
      severity: item.severity,
      status: hits.length > 0 ? 'deviation' : 'to_verify',
      findings: hits,
    };
  });
  const deviations = checklist.filter((entry) => entry.status === 'deviation');
  const suggestions: Suggestion[] = deviations
    .map((entry): Suggestion => {
      const item = relevant.find((candidate) => candidate.id === entry.itemId) as KnowledgeItem;
      const severity = entry.findings
        .map((index) => mapped[index]?.severity ?? entry.severity)
        .reduce<Severity>((worst, next) => (rank[next] < rank[worst] ? next : worst), 'minor');
      return {
        priority: priorityOf[severity],
        itemId: entry.itemId,
        text: item.suggestion,
        rule: `deviation from ${entry.itemId} (${severity})`,
      };
    })
    .concat(siteRules(site))
    .sort((a, b) => Object.values(priorityOf).indexOf(a.priority) - Object.values(priorityOf).indexOf(b.priority));
  const critical = deviations.filter((entry) =>
    entry.findings.some((index) => (mapped[index]?.severity ?? entry.severity) === 'critical'),
  ).length;
  const partial = {
    site,
    checklist,
    findings: mapped,
    suggestions,
    counts: {
      items: checklist.length,
      deviations: deviations.length,
      critical,
      unmapped: mapped.filter((finding) => !finding.itemId).length,
    },
  };
  return { ...partial, summary: summarise(partial) };
}
