import { z } from 'zod';
import { searchLeads } from '../../crm/lead-query';
import { findLeadWithEvents } from '../../crm/lead-store';
import { presentEvent, presentLead } from '../../crm/lead-view';
import type { D1Db } from '../../db/d1';
import { defineTool, jsonOutput } from './tool';
import { ToolRefusal } from './tool-errors';

const searchArgs = z
  .object({
    query: z.string().min(1).max(200).describe('Words to find in name, company, email, title, need or notes'),
    limit: z.number().int().min(1).max(20).optional().describe('Leads wanted, 10 unless given'),
  })
  .strict();

const readArgs = z.object({ id: z.string().min(1).max(64).describe('The lead id crm_search gave') }).strict();

/** The CRM read-only: an agent finds and reads leads, and changes them only through the API. */
export function crmTools(db: D1Db) {
  return {
    crm_search: defineTool<z.infer<typeof searchArgs>>({
      name: 'crm_search',
      description: 'Search CRM leads by words; returns id, name, company, status and BANT score of each.',
      args: searchArgs,
      async run({ query, limit }) {
        const page = await searchLeads(db, query, limit ?? 10);
        return jsonOutput({
          leads: page.items.map(({ lead }) => ({
            id: lead.id,
            name: lead.name,
            company: lead.company,
            title: lead.title,
            status: lead.status,
            score: lead.score,
          })),
        });
      },
    }),
    crm_read_lead: defineTool<z.infer<typeof readArgs>>({
      name: 'crm_read_lead',
      description: 'Read one CRM lead with its BANT inputs, score breakdown, notes and recent events.',
      args: readArgs,
      async run({ id }) {
        const found = await findLeadWithEvents(db, id, 10);
        if (!found) throw new ToolRefusal(`no lead with id ${id}`);
        return jsonOutput({ lead: presentLead(found.lead), events: found.events.map(presentEvent) });
      },
    }),
  };
}
