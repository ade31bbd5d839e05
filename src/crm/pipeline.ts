import type { LeadStatus } from '../db/crm-schema';

const order: readonly LeadStatus[] = ['new', 'contacted', 'qualified', 'proposal', 'won'];

/**
 * Where a lead may go from `status`: any later step of the pipeline (a lead may skip steps, e.g.
 * a referral that is qualified at once), or lost. Won and lost are final.
 */
export function nextStatuses(status: LeadStatus): LeadStatus[] {
  if (status === 'won' || status === 'lost') return [];
  return [...order.slice(order.indexOf(status) + 1), 'lost'];
}

export const canMove = (from: LeadStatus, to: LeadStatus) => nextStatuses(from).includes(to);
