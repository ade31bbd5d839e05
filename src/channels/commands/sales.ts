import { lines } from './format';
import type { Command, UnmatchedSaleLine } from './types';

const SHOWN = 10;
const SALE_ID = /^[\w-]{1,100}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AREAS = ['content', 'sales'] as const;

const saleLine = (sale: UnmatchedSaleLine) =>
  `${sale.id}\n  ${sale.source} ${sale.product ?? ''} ${sale.amount}, ${sale.buyerEmail ?? 'no address'}, ${sale.at}`;

export const salesCommand: Command = {
  name: 'sales',
  usage: '/sales',
  summary: 'paid sales no lead is matched to yet, to link with /link',
  async run(_args, context) {
    const found = await context.unmatchedSales(SHOWN + 1);
    if (found.length === 0) return 'Every sale is matched to a lead.';
    return lines(
      'Sales without a lead, newest first:',
      ...found.slice(0, SHOWN).map((sale, index) => `${index + 1}. ${saleLine(sale)}`),
      found.length > SHOWN && `More in the dashboard or with empire revenue unmatched.`,
      'Link one with /link <sale id> <lead id>; /leads <words> finds the lead.',
    );
  },
};

export const linkCommand: Command = {
  name: 'link',
  usage: '/link <sale id> <lead id>',
  summary: 'credit a sale to the lead who bought: the lead is won and the sale counts as its conversion',
  ownerOnly: true,
  async run(args, context) {
    const [saleId, leadId, ...rest] = args.split(/\s+/).filter(Boolean);
    if (!saleId || !leadId || rest.length > 0 || !SALE_ID.test(saleId) || !UUID.test(leadId))
      return 'Usage: /link <sale id> <lead id>, the sale as /sales shows it and the lead as /leads shows it';
    const { changed } = await context.linkSale(saleId, leadId.toLowerCase());
    return changed
      ? `Linked sale ${saleId} to lead ${leadId}.`
      : `Sale ${saleId} was already linked to lead ${leadId}.`;
  },
};

export const insightsCommand: Command = {
  name: 'insights',
  usage: '/insights [content|sales]',
  summary: 'what the business learnt lately: what gets engagement and what converts, with the figures',
  async run(args, context) {
    const area = args ? AREAS.find((name) => name === args.toLowerCase()) : undefined;
    if (args && !area) return 'Usage: /insights [content|sales]';
    const found = await context.insights(area);
    if (found.length === 0) return 'Nothing learnt yet: the learning run needs published posts or sales to read.';
    return lines('What worked lately:', ...found.map((text) => `- ${text}`));
  },
};
