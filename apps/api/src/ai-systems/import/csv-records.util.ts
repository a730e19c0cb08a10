import { columnLetter } from './inventory-columns';

/** A CSV file that does not follow RFC 4180 where it matters: where, and what is wrong. */
export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';

  constructor(
    /** the record (spreadsheet row) the problem is in, from 1 */
    readonly row: number,
    /** the field, from 0 */
    readonly column: number,
    readonly reason: string,
  ) {
    super(`row ${row}, column ${columnLetter(column)}: ${reason}`);
  }
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

export type CsvDelimiter = ',' | ';' | '\t';

/**
 * The delimiter of the header line: a comma (RFC 4180), unless the line has none and has
 * semicolons (what a spreadsheet saves as "CSV" where the comma is the decimal separator) or tabs.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const end = text.search(/\r|\n/);
  const line = end === -1 ? text : text.slice(0, end);
  const unquoted = line.replace(/"[^"]*"/g, '');
  if (unquoted.includes(',')) return ',';
  if (unquoted.includes(';')) return ';';
  if (unquoted.includes('\t')) return '\t';
  return ',';
}

/**
 * RFC 4180 records: fields separated by the delimiter, records by CRLF (a bare LF or CR is taken
 * too), a field in double quotes may hold delimiters, line breaks and doubled quotes. A quote
 * inside an unquoted field is kept as text (hand-edited files have them); a quoted field that is
 * never closed, or text after a closing quote, is an error naming the row and column. Records are
 * numbered as a spreadsheet numbers its rows: a quoted line break does not start a new one. A
 * final line break does not start an empty last record. Scans each field with indexOf, so a
 * 10 MB file takes tens of milliseconds.
 */
export function parseCsvRecords(text: string, delimiter: CsvDelimiter = ','): string[][] {
  const records: string[][] = [];
  const sep = delimiter.charCodeAt(0);
  const n = text.length;
  let record: string[] = [];
  let i = 0;
  for (;;) {
    let value: string;
    if (text.charCodeAt(i) === QUOTE) {
      let parts = '';
      let from = i + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close === -1) {
          throw new CsvSyntaxError(records.length + 1, record.length, 'a quoted field is never closed (an opening " has no closing ")');
        }
        parts += text.slice(from, close);
        if (text.charCodeAt(close + 1) === QUOTE) {
          parts += '"';
          from = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      value = parts;
      const next = text.charCodeAt(i);
      if (i < n && next !== sep && next !== CR && next !== LF) {
        throw new CsvSyntaxError(records.length + 1, record.length, 'text after the closing quote of a quoted field (a quote inside a field is written as "")');
      }
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === sep || c === CR || c === LF) break;
        j++;
      }
      value = text.slice(i, j);
      i = j;
    }
    record.push(value);
    if (i >= n) {
      records.push(record);
      return records;
    }
    const c = text.charCodeAt(i);
    if (c === sep) {
      i++;
      continue;
    }
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    records.push(record);
    record = [];
    if (i >= n) return records;
  }
}
