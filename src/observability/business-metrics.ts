import { sql } from 'drizzle-orm';
import type { D1Db } from '../db/d1';
import type { MetricFamily } from './prometheus';

const gauge = (name: string, help: string, samples: MetricFamily['samples']): MetricFamily => ({
  name,
  help,
  type: 'gauge',
  samples,
});

/**
 * The business in figures, read from D1 like the other global figures, so every isolate answers
 * the same. Gauges, not counters: a lead moves between statuses and a refund turns a sale back.
 * Labels are closed sets (statuses, channels, shops, currencies), never a free-text lead source.
 */
export async function businessFamilies(d1: D1Db): Promise<MetricFamily[]> {
  const [leads, content, sales] = await Promise.all([
    d1.all<{ status: string; leads: number }>(sql`select status, count(*) as leads from leads group by status`),
    d1.all<{ channel: string; status: string; items: number }>(
      sql`select channel, status, count(*) as items from content_items group by channel, status`,
    ),
    d1.all<{ source: string; status: string; currency: string; sales: number; amount: number }>(
      sql`select source, status, currency, count(*) as sales, coalesce(sum(amount_micros), 0) as amount
          from revenue_events group by source, status, currency`,
    ),
  ]);
  const paid = sales.filter((row) => row.status === 'paid');
  return [
    gauge(
      'empire_leads',
      'CRM leads by pipeline status (global: from D1).',
      leads.map((row) => ({ labels: { status: row.status }, value: row.leads })),
    ),
    gauge(
      'empire_content_items',
      'Content items by channel and status; status="published" counts what went out (global: from D1).',
      content.map((row) => ({ labels: { channel: row.channel, status: row.status }, value: row.items })),
    ),
    gauge(
      'empire_sales',
      'Sales recorded by shop, status (paid or refunded) and currency (global: from D1).',
      sales.map((row) => ({
        labels: { source: row.source, status: row.status, currency: row.currency },
        value: row.sales,
      })),
    ),
    gauge(
      'empire_revenue_micros',
      'Revenue of paid sales, refunds excluded, by shop in micro-units of the sale currency (global: from D1).',
      paid.map((row) => ({ labels: { source: row.source, currency: row.currency }, value: row.amount })),
    ),
  ];
}
