import type { ConversionReport, LinkResult, UnmatchedSales } from '../api-types.ts';
import { noMorePositionals, parse, positional, positiveNumber } from '../args.ts';
import type { Command } from '../command.ts';
import { usageError } from '../errors.ts';
import { print, printJson, printTable } from '../output.ts';
import { session } from '../session.ts';

const amount = (micros: number, currency: string) => `${currency} ${(micros / 1_000_000).toFixed(2)}`;
const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

function printRates(report: ConversionReport): void {
  print(`Conversions ${report.from} to ${report.to}: ${report.convertedLeads} leads, ${report.sales} sales`);
  print(`Unmatched sales: ${report.unmatchedSales}`);
  const groups = [
    ['segment', report.bySegment.map((group) => ({ key: group.name, ...group }))],
    ['source', report.bySource.map((group) => ({ key: group.source, ...group }))],
    ['sequence', report.bySequence.map((group) => ({ key: group.name ?? group.sequenceId, ...group }))],
  ] as const;
  for (const [label, rows] of groups) {
    if (rows.length === 0) continue;
    print();
    printTable(
      [label, 'leads', 'converted', 'rate', 'revenue'],
      rows.map((row) => [
        row.key,
        row.leads,
        row.convertedLeads,
        percent(row.rate),
        row.revenue.map((money) => amount(money.amountMicros, money.currency)).join(', '),
      ]),
    );
  }
}

export const revenue: Command = {
  name: 'revenue',
  summary: 'Sales and their leads: unmatched sales, link a sale to a lead, conversion rates',
  usage: [
    'empire revenue unmatched [--limit 50]',
    '       empire revenue link <sale id> <lead id> [--relink]',
    '       empire revenue conversions [--from 2026-11-01] [--to 2026-12-01]',
  ].join('\n'),
  async run(args) {
    const { values, positionals } = parse(args, {
      limit: { type: 'string' },
      relink: { type: 'boolean' },
      from: { type: 'string' },
      to: { type: 'string' },
    });
    const api = session(values.url);
    const sub = positional(positionals, 0, 'unmatched|link|conversions');
    switch (sub) {
      case 'unmatched': {
        noMorePositionals(positionals, 1);
        const limit = positiveNumber(values.limit, 'limit');
        const body = await api.get<UnmatchedSales>(`/api/revenue/unmatched?limit=${Math.floor(limit ?? 50)}`);
        if (values.json) printJson(body);
        else if (body.items.length === 0) print('Every sale is matched to a lead');
        else
          printTable(
            ['sale id', 'shop', 'order', 'amount', 'buyer', 'at'],
            body.items.map((sale) => [
              sale.id,
              sale.source,
              sale.orderId,
              amount(sale.amountMicros, sale.currency),
              sale.buyerEmail ?? '-',
              sale.at,
            ]),
          );
        return;
      }
      case 'link': {
        const saleId = positional(positionals, 1, 'sale id');
        const leadId = positional(positionals, 2, 'lead id');
        noMorePositionals(positionals, 3);
        const path = `/api/revenue/${encodeURIComponent(saleId)}/link`;
        const body = await api.request<LinkResult>('POST', path, { leadId, relink: values.relink === true });
        if (values.json) printJson(body);
        else
          print(
            body.changed
              ? `Sale ${saleId} linked to lead ${leadId}`
              : `Sale ${saleId} was already linked to lead ${leadId}`,
          );
        return;
      }
      case 'conversions': {
        noMorePositionals(positionals, 1);
        const query = new URLSearchParams();
        if (values.from) query.set('from', values.from);
        if (values.to) query.set('to', values.to);
        const body = await api.get<ConversionReport>(`/api/sales/conversions?${query}`);
        if (values.json) printJson(body);
        else printRates(body);
        return;
      }
      default:
        throw usageError(`Unknown revenue subcommand: ${sub}`);
    }
  },
};
