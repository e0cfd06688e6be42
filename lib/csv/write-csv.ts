// CSV for people's spreadsheets: RFC 4180 quoting by csv-stringify (every cell quoted, CRLF line
// ends), with formula neutralisation on top. Spreadsheets treat a cell starting with = + - @ (and
// tab / carriage return, which some strip before parsing, and their full-width forms) as a
// formula: such cells get a leading apostrophe (OWASP "CSV injection").
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A cell's text: strings as they are, null/undefined empty, anything else as JSON; neutralised. */
function cellText(value: unknown): string {
  const text =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The header line: our own column names (plain identifiers), unquoted. */
export function csvHeader(columns: readonly string[]): string {
  return `${columns.join(',')}\r\n`;
}

/** Data lines, each cell neutralised and quoted, each line ending in CRLF. */
export function csvRows(rows: readonly (readonly unknown[])[]): string {
  if (rows.length === 0) return '';
  return stringify(
    rows.map((row) => row.map(cellText)),
    { quoted: true, quoted_empty: true, record_delimiter: 'windows' },
  );
}
