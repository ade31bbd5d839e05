import { beforeAll, describe, expect, it } from 'vitest';
import { newLead } from '../crm/crm-helpers';
import { ownerKey } from '../helpers/keys';
import { requireChroma } from '../memory/memory-helpers';
import { gumroadSale, manualOrder, report } from '../sales/conversion-helpers';
import { enrolSegment, marker, newSegment, newSequence } from '../sales/sales-helpers';
import { fireTick, runsOf } from '../workflows/helpers';
import { insights, learningNuggets } from './learning-helpers';

// The sales loop through its real parts: leads from a source fill a segment and a sequence,
// two of them buy (a Gumroad sale found by its address, a consulting order naming the lead),
// the conversions are credited to segment, source and sequence, and learning writes what
// converts as a gold nugget with its figures.

const HOUR = 3_600_000;
const step = [{ subject: 'Hello {{firstName}}', body: 'A note for {{company}}.', delayHours: 0 }];

beforeAll(requireChroma);

describe('the sales loop', () => {
  it('credits sales to the segment, source and sequence that reached the lead, and learns from them', async () => {
    const source = marker('webinar-');
    const leads = [];
    for (let n = 0; n < 5; n += 1) leads.push(await newLead(ownerKey, { source, company: `Hotel ${n} ${source}` }));
    const segment = await newSegment(ownerKey, { sources: [source] });
    const sequence = await newSequence(ownerKey, segment.id, step);
    expect(await enrolSegment(ownerKey, sequence.id)).toBe(5);

    await gumroadSale(leads[0]?.email ?? '', { price: '2900' });
    expect((await manualOrder(ownerKey, 'consulting', { leadId: leads[1]?.id, amount: 150 })).status).toBe(201);
    const rates = await report(ownerKey);
    expect(rates.bySegment.find((group) => group.segmentId === segment.id)).toMatchObject({
      leads: 5,
      convertedLeads: 2,
      rate: 0.4,
    });
    expect(rates.bySequence.find((group) => group.sequenceId === sequence.id)).toMatchObject({ convertedLeads: 2 });

    const day = Math.floor(Date.now() / (24 * HOUR)) * 24 * HOUR + 24 * HOUR;
    await fireTick('30 5 * * *', day + 5.5 * HOUR);
    expect((await runsOf('learning')).find((run) => run.tick === day + 5.5 * HOUR)?.status).toBe('succeeded');
    const bySource = `Leads from ${source} converted at 40.0% (2 of 5 leads) over the last 30 days`;
    const bySegment = `Leads in segment "${segment.name}" converted at 40.0% (2 of 5 leads)`;
    const bySequence = `Leads enrolled in "${sequence.name}" converted at 40.0% (2 of 5 leads)`;
    const texts = (await insights('?area=sales')).map((insight) => insight.text);
    expect(texts.find((text) => text.startsWith(bySource))).toBeDefined();
    expect(texts.find((text) => text.startsWith(bySegment))).toBeDefined();
    expect(texts.find((text) => text.startsWith(bySequence))).toBeDefined();
    const nuggets = (await learningNuggets()).map((nugget) => nugget.text);
    expect(nuggets.find((text) => text.startsWith(bySegment))).toBeDefined();
  });
});
