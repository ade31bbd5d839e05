import type { LeadView } from '../../crm/lead-view';
import { lines } from './format';
import type { Command } from './types';

const PAGE = 10;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const leadLine = (lead: LeadView) =>
  `${lead.score ?? '-'} ${lead.name}${lead.company ? ` (${lead.company})` : ''} ${lead.status} ${lead.id}`;

export const leadsCommand: Command = {
  name: 'leads',
  usage: '/leads [query]',
  summary: 'newest leads, or a full-text search',
  async run(args, context) {
    const query = args || undefined;
    const leads = await context.leads(query, PAGE);
    if (leads.length === 0) return query ? `No leads match "${query}".` : 'No leads yet.';
    return lines(query ? `Leads matching "${query}"` : 'Newest leads', ...leads.map(leadLine));
  },
};

export const leadCommand: Command = {
  name: 'lead',
  usage: '/lead <id>',
  summary: 'one lead with its BANT score and recent events',
  async run(args, context) {
    if (!UUID.test(args)) return 'Usage: /lead <id>, the id as /leads shows it';
    const found = await context.lead(args.toLowerCase());
    if (!found) return `No lead ${args}.`;
    const { lead, events } = found;
    const bant = lead.scoreBreakdown;
    return lines(
      `${lead.name}${lead.company ? `, ${lead.company}` : ''}`,
      `${lead.email} · ${lead.status} · score ${lead.score ?? '-'}`,
      lead.title,
      bant && `BANT: ${bant.parts.map((part) => `${part.part} ${part.points}`).join(', ')}`,
      lead.nextStatuses.length > 0 && `Next: ${lead.nextStatuses.join(', ')}`,
      ...events.slice(0, 5).map((event) => `${event.at.slice(0, 10)} ${event.kind}`),
    );
  },
};
