import { beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../helpers/keys';
import { crm, type Lead, newLead } from './crm-helpers';

interface Hit extends Lead {
  relevance: number;
}
interface Page {
  items: Hit[];
  nextCursor: string | null;
}

let operatorKey = '';
const ids = new Map<string, string>();

// Twenty leads of a small consultancy's pipeline; most mention another's words somewhere.
const fixtures: [string, string | null, string, string][] = [
  ['Clara Jensen', 'Acme Robotics', 'clara@acmerobotics.io', 'Wants invoice automation for the warehouse'],
  ['Tom Baker', 'Baker & Sons', 'tom@bakersons.com', 'Met at the Acme trade fair; asked about stock counting'],
  ['Priya Nair', 'Northwind Traders', 'priya@northwind.example', 'Reporting dashboards for their Acme account'],
  ['Jürgen Müller', 'Müller Maschinenbau', 'j.mueller@mueller-mb.de', 'Quality reports are copied by hand'],
  ['Sofia Rossi', 'Rossi Design', 'sofia@rossi.design', 'Invoice reminders; invoice automation later'],
  ['Invoice Automation', 'Invoice Automation Ltd', 'hello@invoice-automation.co', 'A competitor, keep an eye on them'],
  ['Liam Chen', 'Globex', 'liam@globex.example', 'Needs a CRM clean-up'],
  ['Emma Stone', 'Stone Legal', 'emma@stonelegal.example', 'Acme or Globex, whichever is cheaper, she said'],
  ['Noah Weber', 'Weber Bau', 'noah@weberbau.example', 'Office near the central station'],
  ['Olivia Brown', 'Brown Catering', 'olivia@browncatering.example', 'Please drop table leads from the agenda'],
  ['Lucas Martin', 'Martin Freight', 'lucas@martinfreight.example', 'Fleet tracking spreadsheets'],
  ['Mia Novak', 'Novak Dental', 'mia@novakdental.example', 'Appointment reminders over SMS'],
  ['Ethan Clark', 'Clark Accounting', 'ethan@clarkaccounting.example', 'Monthly close takes nine days'],
  ['Ava Lopez', 'Lopez Studio', 'ava@lopezstudio.example', 'Client onboarding forms'],
  ['Leo Fischer', 'Fischer Optik', 'leo@fischeroptik.example', 'Stock counting in two shops'],
  ['Isla Murphy', 'Murphy Pubs', 'isla@murphypubs.example', 'Rota planning for forty staff'],
  ['Jonas Berg', 'Berg Logistics', 'jonas@berglogistics.example', 'Customs paperwork by email'],
  ['Zoe Adams', 'Adams Realty', 'zoe@adamsrealty.example', 'Listings copied to three portals'],
  ['Omar Haddad', 'Haddad Imports', 'omar@haddadimports.example', 'Invoices in three currencies'],
  ['Nina Petrova', 'Petrova Translations', 'nina@petrova.example', 'Quotes take too long'],
];

const search = async (q: string, extra = '') => {
  const response = await crm(`/leads/search?q=${encodeURIComponent(q)}${extra}`, operatorKey);
  return { status: response.status, page: (await response.json()) as Page };
};
const names = (page: Page) => page.items.map((item) => item.name);

beforeAll(async () => {
  operatorKey = await createKey('operator');
  for (const [name, company, email, notes] of fixtures) {
    ids.set(name, (await newLead(operatorKey, { name, company, email, notes })).id);
  }
});

describe('happy', () => {
  it.each([
    ['acme robotics', 'Clara Jensen'],
    ['acme', 'Clara Jensen'],
    ['invoice automation', 'Invoice Automation'],
    ['priya@northwind.example', 'Priya Nair'],
    ['stock counting', 'Leo Fischer'],
    ['MULLER', 'Jürgen Müller'],
  ])('ranks the best match for %j first', async (q, best) => {
    const { status, page } = await search(q);
    expect(status).toBe(200);
    expect(names(page)[0]).toBe(best);
  });

  it('finds every lead that has all the words, and only those', async () => {
    expect(names((await search('acme')).page).sort()).toEqual(
      ['Clara Jensen', 'Emma Stone', 'Priya Nair', 'Tom Baker'].sort(),
    );
    expect(names((await search('acme fair')).page)).toEqual(['Tom Baker']);
  });

  it('pages through hits in a stable order without repeats', async () => {
    const seen: Hit[] = [];
    let cursor: string | null = null;
    do {
      const next: Page = (await search('the', `&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).page;
      seen.push(...next.items);
      cursor = next.nextCursor;
    } while (cursor);
    const all = (await search('the', '&limit=100')).page.items;
    expect(seen.map((hit) => hit.id)).toEqual(all.map((hit) => hit.id));
    expect(new Set(seen.map((hit) => hit.id)).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(3);
    const relevance = seen.map((hit) => hit.relevance);
    expect(relevance).toEqual([...relevance].sort((a, b) => b - a));
  });

  it('follows edits: the index changes with the notes', async () => {
    const lead = await newLead(operatorKey, { name: 'Edit Me', notes: 'aardvark' });
    expect(names((await search('aardvark')).page)).toEqual(['Edit Me']);
    await crm(`/leads/${lead.id}`, operatorKey, { method: 'PUT', json: { notes: 'zebra crossing' } });
    expect((await search('aardvark')).page.items).toEqual([]);
    expect(names((await search('zebra')).page)).toEqual(['Edit Me']);
  });

  it('finds a lead by its title and its need, and follows their edits', async () => {
    const lead = await newLead(operatorKey, {
      name: 'Hanna Vogt',
      title: 'Fire Safety Officer',
      needDescription: 'A sprinkler inspection before the insurer visits',
    });
    expect(names((await search('safety officer')).page)).toEqual(['Hanna Vogt']);
    expect(names((await search('sprinkler insurer')).page)).toEqual(['Hanna Vogt']);
    await crm(`/leads/${lead.id}`, operatorKey, { method: 'PUT', json: { needDescription: 'Evacuation drills' } });
    expect((await search('sprinkler')).page.items).toEqual([]);
    expect(names((await search('evacuation')).page)).toEqual(['Hanna Vogt']);
  });
});

describe('errors', () => {
  it('refuses an empty or overlong query and a forged cursor', async () => {
    expect((await crm('/leads/search', operatorKey)).status).toBe(400);
    expect((await crm('/leads/search?q=', operatorKey)).status).toBe(400);
    expect((await crm(`/leads/search?q=${'a'.repeat(201)}`, operatorKey)).status).toBe(400);
    expect((await crm('/leads/search?q=acme&cursor=eyJrIjoibGlzdCIsInMiOjF9', operatorKey)).status).toBe(400);
    expect((await crm('/leads/search?q=acme&limit=0', operatorKey)).status).toBe(400);
  });
});

describe('security', () => {
  it.each([
    ['"', []],
    ['*', []],
    ['""', []],
    ['(', []],
    ['acm*', []],
    ['acme*', ['Clara Jensen', 'Emma Stone', 'Priya Nair', 'Tom Baker']],
    ['-acme', ['Clara Jensen', 'Emma Stone', 'Priya Nair', 'Tom Baker']],
    ['NEAR(', ['Noah Weber']],
    ['NEAR(acme globex)', []],
    ['acme OR globex', ['Emma Stone']],
    ['acme AND NOT globex', []],
    ['name:acme', []],
    ['company:globex', []],
    ["'; drop table leads; --", ['Olivia Brown']],
    ['1=1 OR 1=1', []],
  ])('searches %j literally', async (q, expected) => {
    const { status, page } = await search(q);
    expect(status).toBe(200);
    expect(names(page).sort()).toEqual([...expected].sort());
  });

  it('still has every lead after hostile queries', async () => {
    await search("x'); DELETE FROM leads; --");
    await search('leads_fts MATCH *');
    const list = await crm('/leads?limit=200', operatorKey);
    expect(((await list.json()) as Page).items.length).toBeGreaterThanOrEqual(fixtures.length);
  });

  it('needs a key to search', async () => {
    expect((await crm('/leads/search?q=acme', undefined)).status).toBe(401);
  });
});
