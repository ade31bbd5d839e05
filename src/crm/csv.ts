// CSV as RFC 4180 has it: comma-separated, fields in double quotes may hold commas, quotes ("")
// and line breaks; lines end in CRLF or LF.

export const MAX_ROW_BYTES = 8 * 1024;

export interface CsvRecord {
  /** 1-based record number in the file, the header being row 1, as a spreadsheet counts rows. */
  row: number;
  cells: string[];
  error?: string;
}

const encoder = new TextEncoder();
const UNQUOTED_END = /[,\r\n]/g;

interface Field {
  value: string;
  next: number;
  error?: string;
}

function quotedField(text: string, from: number): Field {
  let value = '';
  let at = from + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote === -1)
      return { value: value + text.slice(at), next: text.length, error: 'a quoted field is never closed' };
    value += text.slice(at, quote);
    if (text[quote + 1] === '"') {
      value += '"';
      at = quote + 2;
      continue;
    }
    const next = quote + 1;
    const after = text[next];
    if (after === undefined || after === ',' || after === '\r' || after === '\n') return { value, next };
    // Text after a closing quote: keep the record's shape by reading on to the field's end.
    UNQUOTED_END.lastIndex = next;
    const end = UNQUOTED_END.exec(text)?.index ?? text.length;
    return { value: value + text.slice(next, end), next: end, error: 'text follows a closing quote' };
  }
}

function plainField(text: string, from: number): Field {
  UNQUOTED_END.lastIndex = from;
  const end = UNQUOTED_END.exec(text)?.index ?? text.length;
  return { value: text.slice(from, end), next: end };
}

/** Every non-blank record of `text`; a record over `maxRowBytes` (UTF-8) carries an error instead of its cells. */
export function* parseCsv(text: string, maxRowBytes = MAX_ROW_BYTES): Generator<CsvRecord> {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let row = 1; at < text.length; row += 1) {
    const start = at;
    const cells: string[] = [];
    let error: string | undefined;
    for (;;) {
      const field = text[at] === '"' ? quotedField(text, at) : plainField(text, at);
      cells.push(field.value);
      error ??= field.error;
      at = field.next;
      if (text[at] !== ',') break;
      at += 1;
    }
    const end = at;
    if (text[at] === '\r') at += 1;
    if (text[at] === '\n') at += 1;
    if (cells.length === 1 && cells[0] === '' && !error) continue;
    const bytes = encoder.encode(text.slice(start, end)).length;
    if (bytes > maxRowBytes)
      yield { row, cells: [], error: `the row is ${bytes} bytes, over the limit of ${maxRowBytes}` };
    else yield error ? { row, cells, error } : { row, cells };
  }
}

// A cell that starts like a formula runs as one when a spreadsheet opens the file (CSV injection);
// a leading apostrophe makes the spreadsheet show it as text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (cells: readonly (string | number | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** Undoes csvCell's apostrophe, so an exported file imports back unchanged. */
export const unneutralize = (cell: string) =>
  cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
