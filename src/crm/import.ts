import { getTableColumns, sql } from 'drizzle-orm';
import { leadEvents, leads } from '../db/crm-schema';
import type { D1Db } from '../db/d1';
import { type CsvRecord, parseCsv, unneutralize } from './csv';
import { keepErasedOffMailings } from './erased-addresses';
import { createLeadSchema, type LeadInput, leadFields } from './lead-input';
import { newLead } from './lead-store';

export const MAX_IMPORT_ROWS = 5_000;
// Rows per INSERT: all of a chunk travels as one JSON parameter, clear of D1's 100-parameter limit.
const CHUNK = 200;

type Field = keyof typeof leadFields;
const numeric = new Set<Field>(['budgetAmount', 'painLevel', 'timelineDays']);
// Columns of our own export that import has no use for; any other unknown column is reported.
const exportOnly = new Set(['id', 'score', 'nextstatuses', 'createdat', 'updatedat']);
const headerKey = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
const fieldByHeader = new Map((Object.keys(leadFields) as Field[]).map((field) => [headerKey(field), field]));

export interface RowError {
  row: number;
  field?: string;
  message: string;
  existingId?: string;
}

export interface ImportSummary {
  created: { row: number; id: string }[];
  errors: RowError[];
  ignoredColumns: string[];
}

export type ImportOutcome = { ok: true; summary: ImportSummary } | { ok: false; tooMany: boolean; message: string };

function readRow(record: CsvRecord, columns: (Field | undefined)[]): { input: LeadInput } | { errors: RowError[] } {
  const { row, cells } = record;
  if (record.error) return { errors: [{ row, message: record.error }] };
  if (cells.length > columns.length)
    return { errors: [{ row, message: `the row has ${cells.length} cells, the header ${columns.length}` }] };
  const raw: Record<string, unknown> = {};
  cells.forEach((cell, index) => {
    const field = columns[index];
    const value = unneutralize(cell.trim());
    if (!field || value === '') return;
    const number = Number(value);
    raw[field] = numeric.has(field) && Number.isFinite(number) ? number : value;
  });
  const parsed = createLeadSchema.safeParse(raw);
  if (parsed.success) return { input: parsed.data };
  return {
    errors: parsed.error.issues.map((issue) => ({
      row,
      field: issue.path.join('.') || undefined,
      message: issue.message,
    })),
  };
}

// Values in table column order, as insert … select needs them; seq is left to SQLite.
const leadValues = sql.join(
  Object.keys(getTableColumns(leads)).map((key) =>
    key === 'seq' ? sql`null` : sql.raw(`json_extract(value, '$.${key}')`),
  ),
  sql`, `,
);

/** One chunk: the leads, and their events joined on the fresh revision so only inserted rows get them. */
async function insertChunk(db: D1Db, chunk: ReturnType<typeof newLead>[], actor: string, now: number) {
  const rows = JSON.stringify(chunk.map(({ row }) => row));
  const events = JSON.stringify(
    chunk.flatMap(({ row, events }) => events.map((event) => ({ leadId: row.id, revision: row.revision, ...event }))),
  );
  // `where true` keeps SQLite from reading the ON CONFLICT clause as a join constraint.
  const [inserted] = await db.batch([
    db
      .insert(leads)
      .select(sql`select ${leadValues} from json_each(${rows}) where true`)
      .onConflictDoNothing()
      .returning({ id: leads.id }),
    db.insert(leadEvents).select(
      sql`select null, l.id, json_extract(e.value, '$.kind'), json_extract(e.value, '$.data'), ${actor}, ${now}
        from json_each(${events}) e
        join ${leads} l on l.id = json_extract(e.value, '$.leadId') and l.revision = json_extract(e.value, '$.revision')`,
    ),
  ]);
  return inserted;
}

async function existingIds(db: D1Db, emails: string[]): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const rows = await db.all<{ id: string; email_normalized: string }>(
    sql`select id, email_normalized from leads where email_normalized in (select value from json_each(${JSON.stringify(emails)}))`,
  );
  return new Map(rows.map((row) => [row.email_normalized, row.id]));
}

/** Imports every valid row; each invalid or duplicate row is reported by its row number and skipped. */
export async function importLeads(db: D1Db, text: string, actor: string, now: number): Promise<ImportOutcome> {
  const records = [...parseCsv(text)];
  const [header, ...body] = records;
  if (!header || header.error) return { ok: false, tooMany: false, message: header?.error ?? 'The file is empty' };
  if (body.length > MAX_IMPORT_ROWS)
    return {
      ok: false,
      tooMany: true,
      message: `The file has ${body.length} rows; at most ${MAX_IMPORT_ROWS} at once`,
    };
  const columns = header.cells.map((name) => fieldByHeader.get(headerKey(name)));
  const missing = (['name', 'email'] as const).filter((field) => !columns.includes(field));
  if (missing.length) return { ok: false, tooMany: false, message: `The header has no ${missing.join(' or ')} column` };
  const ignoredColumns = header.cells.filter((name, index) => !columns[index] && !exportOnly.has(headerKey(name)));

  const errors: RowError[] = [];
  const firstRowOf = new Map<string, number>();
  const accepted: { row: number; lead: ReturnType<typeof newLead> }[] = [];
  for (const record of body) {
    const read = readRow(record, columns);
    if ('errors' in read) {
      errors.push(...read.errors);
      continue;
    }
    const lead = newLead(read.input, now, 'import');
    const first = firstRowOf.get(lead.row.emailNormalized);
    if (first !== undefined) {
      errors.push({ row: record.row, field: 'email', message: `the same email as row ${first}` });
      continue;
    }
    firstRowOf.set(lead.row.emailNormalized, record.row);
    accepted.push({ row: record.row, lead });
  }

  const created: ImportSummary['created'] = [];
  const duplicates: { row: number; email: string }[] = [];
  for (let start = 0; start < accepted.length; start += CHUNK) {
    const chunk = accepted.slice(start, start + CHUNK);
    const inserted = new Set(
      (
        await insertChunk(
          db,
          chunk.map(({ lead }) => lead),
          actor,
          now,
        )
      ).map((row) => row.id),
    );
    for (const { row, lead } of chunk) {
      if (inserted.has(lead.row.id)) created.push({ row, id: lead.row.id });
      else duplicates.push({ row, email: lead.row.emailNormalized });
    }
    const insertedEmails = chunk
      .filter(({ lead }) => inserted.has(lead.row.id))
      .map(({ lead }) => lead.row.emailNormalized);
    await keepErasedOffMailings(db, insertedEmails, now);
  }
  const existing = await existingIds(
    db,
    duplicates.map((entry) => entry.email),
  );
  for (const { row, email } of duplicates) {
    errors.push({
      row,
      field: 'email',
      message: 'a lead with this email already exists',
      existingId: existing.get(email),
    });
  }
  errors.sort((a, b) => a.row - b.row);
  return { ok: true, summary: { created, errors, ignoredColumns } };
}
