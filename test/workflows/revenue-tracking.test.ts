import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { pingBody, sendPing } from '../revenue/revenue-helpers';
import { fireTick, ownerMessages, runsOf, stepsOf } from './helpers';
import { runTickWith } from './inline-runs';

const tick = Date.UTC(2026, 7, 20, 23, 0);
const hoursBefore = (hours: number) => new Date(tick - hours * 3_600_000).toISOString().replace('.000', '');

describe('happy', () => {
  it('reports the day by source and product against the day before, once per tick', async () => {
    await sendPing(pingBody({ sale_timestamp: hoursBefore(2), price: '2900', product_name: 'Acme Pro License' }));
    await sendPing(pingBody({ sale_timestamp: hoursBefore(5), price: '2900', product_name: 'Acme Pro License' }));
    const fiverr = await env.DB.prepare(
      "insert into revenue_events (id, source, external_id, status, amount_micros, currency, product, at, recorded_at, recorded_by) values (?, 'fiverr', 'FO77', 'paid', 120000000, 'USD', 'Gig: audit', ?, ?, 'test')",
    )
      .bind(crypto.randomUUID(), tick - 3_600_000, tick)
      .run();
    expect(fiverr.success).toBe(true);
    await sendPing(pingBody({ sale_timestamp: hoursBefore(30), price: '5000' }));
    await sendPing(pingBody({ sale_timestamp: hoursBefore(50), price: '9900' }));

    await fireTick('0 23 * * *', tick);
    await fireTick('0 23 * * *', tick);
    const runs = await runsOf('revenue_tracking');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'succeeded', trigger: 'cron' });
    expect(stepsOf(runs[0]).map((step) => [step.name, step.status])).toEqual([
      ['summarise', 'succeeded'],
      ['report', 'succeeded'],
    ]);
    expect(stepsOf(runs[0]).find((step) => step.name === 'report')?.output).toMatchObject({ delivery: 'sent' });
    const [report, ...more] = await ownerMessages('Revenue, 24 h to 2026-08-20 23:00 UTC');
    expect(more).toEqual([]);
    expect(report).toContain('Total USD 178.00 from 3 sales; day before USD 50.00 (+256%)');
    expect(report).toContain('- fiverr: USD 120.00 (1; new)');
    expect(report).toContain('- gumroad: USD 58.00 (2; +16%)');
    expect(report).toContain('- Gig: audit (fiverr): USD 120.00 x1');
    expect(report).toContain('- Acme Pro License (gumroad): USD 58.00 x2');
  });

  it('says so when there were no sales', async () => {
    const quiet = Date.UTC(2026, 0, 5, 23, 0);
    await fireTick('0 23 * * *', quiet);
    const [report] = await ownerMessages('Revenue, 24 h to 2026-01-05 23:00 UTC');
    expect(report).toContain('No sales, and none the day before.');
  });
});

describe('errors', () => {
  it('says the report went nowhere when no owner chat is configured, never that it was sent', async () => {
    const quiet = Date.UTC(2026, 0, 9, 23, 0);
    const withoutTelegram = {
      ...env,
      TELEGRAM_BOT_TOKEN: undefined,
      TELEGRAM_OWNER_CHAT_ID: undefined,
    } as unknown as Env;
    await runTickWith(withoutTelegram, '0 23 * * *', quiet);
    const run = (await runsOf('revenue_tracking')).find((row) => row.tick === quiet);
    expect(run).toMatchObject({ status: 'succeeded' });
    expect(stepsOf(run).find((step) => step.name === 'report')?.output).toMatchObject({ delivery: 'not_configured' });
    expect(await ownerMessages('Revenue, 24 h to 2026-01-09 23:00 UTC')).toEqual([]);
  });
});
