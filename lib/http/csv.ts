// One CSV field (RFC 4180: always quoted, quotes doubled), safe to open in a
// spreadsheet. A value that a spreadsheet could read as a formula gets a
// leading apostrophe: =, +, -, @ and their full-width forms ＝ ＋ － ＠ (Excel
// and LibreOffice treat those as formula starts too), also after leading
// whitespace (spaces, no-break or ideographic spaces, TAB, CR, LF are skipped
// before the formula is read), and a value that starts with TAB, CR or LF.
const FORMULA_START = /^[\s\u00a0\u3000\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/u;

export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? "" : v instanceof Date ? v.toISOString() : String(v);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}
