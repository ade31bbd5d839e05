import { beforeAll, describe, expect, it } from 'vitest';
import { csvCell, csvLine, MAX_ROW_BYTES, parseCsv } from '../../src/crm/csv';
import type { ErrorShape } from '../helpers/fetch';
import { createKey } from '../helpers/keys';
import { crm, type Lead, newLead, uniqueEmail } from './crm-helpers';

interface Summary {
  created: { row: number; id: string }[];
  errors: { row: number; field?: string; message: string; existingId?: string }[];
  ignoredColumns: string[];
}

let operatorKey = '';

beforeAll(async () => {
  operatorKey = await createKey('operator');
});

const upload = (body: string, key = operatorKey, type = 'text/csv') =>
  crm('/leads/import', key, { method: 'POST', body, headers: { 'content-type': type } });

const exportCsv = async (query = '') => {
  const response = await crm(`/leads/export${query}`, operatorKey);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
  return response.text();
};

describe('happy', () => {
  it('parses quoted commas, quotes and line breaks, CRLF or LF', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\nlines"\n\nlast,,\n';
    expect([...parseCsv(text)]).toEqual([
      { row: 1, cells: ['a', 'b', 'c'] },
      { row: 2, cells: ['x, y', 'say "hi"', 'two\nlines'] },
      { row: 4, cells: ['last', '', ''] },
    ]);
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+49 30 1234', "'+49 30 1234"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    [12.5, '12.5'],
    [null, ''],
  ])('writes the cell %j as %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('imports valid rows, reports bad ones by row number, and keeps going', async () => {
    const known = await newLead(operatorKey);
    const first = uniqueEmail('imp');
    const csv = [
      'Name,Email,Company,Budget Amount,budget_currency,Pain Level,timelineDays,notes,favourite colour',
      `Ada Import,${first},"Ada, Inc.",12000,EUR,5,20,"Said: ""soon""",blue`,
      'No Email,,Nowhere,,,,,,',
      `Bad Pain,${uniqueEmail()},X,,,9,,,`,
      `Twice,${first.toUpperCase()},Y,,,,,,`,
      `Known,${known.email},Z,,,,,,`,
      `Multi Line,${uniqueEmail()},,,,,,"line one\nline two",`,
    ].join('\n');
    const response = await upload(csv);
    expect(response.status).toBe(200);
    const summary = (await response.json()) as Summary;
    expect(summary.created.map((entry) => entry.row)).toEqual([2, 7]);
    expect(summary.errors.map((error) => [error.row, error.field])).toEqual([
      [3, 'email'],
      [4, 'painLevel'],
      [5, 'email'],
      [6, 'email'],
    ]);
    expect(summary.errors.find((error) => error.row === 6)?.existingId).toBe(known.id);
    expect(summary.ignoredColumns).toEqual(['favourite colour']);
    const id = summary.created[0]?.id;
    const lead = (await (await crm(`/leads/${id}`, operatorKey)).json()) as Lead;
    expect(lead).toMatchObject({ company: 'Ada, Inc.', budgetAmount: 12_000, painLevel: 5, notes: 'Said: "soon"' });
    expect(lead.score).toBe(25 + 0 + 25 + 25);
  });

  it('exports what it imports, and an export imports back', async () => {
    const source = `roundtrip-${crypto.randomUUID().slice(0, 6)}`;
    await newLead(operatorKey, { name: 'Comma, Quote "Q"', source, notes: 'line 1\nline 2', budgetAmount: 5000 });
    await newLead(operatorKey, { name: '=cmd|/c calc!A1', source, company: '@evil', title: '+1 boss', notes: '-x' });
    const text = await exportCsv(`?source=${source}`);
    const records = [...parseCsv(text)];
    expect(records).toHaveLength(3);
    const header = records[0]?.cells ?? [];
    const row = (n: number, column: string) => records[n]?.cells[header.indexOf(column)];
    expect(row(1, 'name')).toBe("'=cmd|/c calc!A1");
    expect(row(1, 'company')).toBe("'@evil");
    expect(row(1, 'title')).toBe("'+1 boss");
    expect(row(1, 'notes')).toBe("'-x");
    expect(row(2, 'name')).toBe('Comma, Quote "Q"');
    expect(row(2, 'notes')).toBe('line 1\nline 2');
    // Re-import under new emails: the neutralising apostrophe comes off again.
    const again = text.replaceAll('@example.com', '@copy.example.com');
    const summary = (await (await upload(again)).json()) as Summary;
    expect(summary.errors).toEqual([]);
    expect(summary.ignoredColumns).toEqual([]);
    const copy = (await (await crm(`/leads/${summary.created[0]?.id}`, operatorKey)).json()) as Lead;
    expect(copy.name).toBe('=cmd|/c calc!A1');
  });

  it('filters the export like the list', async () => {
    const source = `filtered-${crypto.randomUUID().slice(0, 6)}`;
    await newLead(operatorKey, { source, painLevel: 5 });
    await newLead(operatorKey, { source });
    const text = await exportCsv(`?source=${source}&minScore=10`);
    expect([...parseCsv(text)]).toHaveLength(2);
  });
});

describe('errors', () => {
  it('reports a row over 8 KB as that row, keeping the others', async () => {
    const big = 'x'.repeat(MAX_ROW_BYTES);
    const csv = `name,email,notes\nSmall,${uniqueEmail()},ok\nBig,${uniqueEmail()},${big}\nAfter,${uniqueEmail()},ok\n`;
    const summary = (await (await upload(csv)).json()) as Summary;
    expect(summary.created.map((entry) => entry.row)).toEqual([2, 4]);
    expect(summary.errors).toEqual([{ row: 3, message: expect.stringContaining('over the limit of 8192') }]);
  });

  it('refuses a file without a usable header, or with too many rows', async () => {
    expect((await upload('')).status).toBe(400);
    const noEmail = await upload('name,company\nA,B\n');
    expect(noEmail.status).toBe(400);
    expect(((await noEmail.json()) as ErrorShape).error.message).toContain('email');
    const rows = Array.from({ length: 5_001 }, (_, i) => `n${i},e${i}@x.io`).join('\n');
    const tooMany = await upload(`name,email\n${rows}`);
    expect(tooMany.status).toBe(413);
    expect(((await tooMany.json()) as ErrorShape).error.code).toBe('payload_too_large');
  });

  it('reports an unclosed quote and a row wider than the header', async () => {
    const csv = `name,email\nWide,${uniqueEmail()},extra\nOpen,"${uniqueEmail()}\n`;
    const summary = (await (await upload(csv)).json()) as Summary;
    expect(summary.created).toEqual([]);
    expect(summary.errors.map((error) => error.row)).toEqual([2, 3]);
  });

  it('needs text/csv', async () => {
    const response = await upload('name,email\n', operatorKey, 'application/json');
    expect(response.status).toBe(415);
  });
});

describe('security', () => {
  it('imports 5,000 rows in one request', async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const rows = Array.from({ length: 5_000 }, (_, i) =>
      csvLine([`Bulk ${i}`, `bulk-${tag}-${i}@x.io`, `bulk-${tag}`]),
    );
    const response = await upload(`name,email,source\n${rows.join('')}`);
    expect(response.status).toBe(200);
    const summary = (await response.json()) as Summary;
    expect(summary.created).toHaveLength(5_000);
    const text = await exportCsv(`?source=bulk-${tag}`);
    expect([...parseCsv(text)]).toHaveLength(5_001);
  }, 30_000);

  it('keeps formulas in any exported column harmless', async () => {
    const text = await exportCsv();
    for (const record of parseCsv(text)) {
      for (const cell of record.cells) expect(cell).not.toMatch(/^[=+\-@]/);
    }
  }, 30_000);
});
