/**
 * CSV as RFC 4180 says (CRLF rows, fields quoted when they hold a comma, quote, CR or LF; quotes doubled),
 * with formula injection neutralised: a text cell beginning with `=`, `+`, `-`, `@`, tab or CR is prefixed
 * with `'`, so a spreadsheet shows it as text instead of running it (a candidate named `=HYPERLINK(…)`).
 * Numbers are written as numbers: they are ours, not candidates' text.
 */
export type CsvValue = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvField(value: CsvValue): string {
  if (value === null) return "";
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}
