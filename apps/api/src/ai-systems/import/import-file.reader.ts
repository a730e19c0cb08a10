import { CsvSyntaxError, detectDelimiter, parseCsvRecords } from './csv-records.util';
import { ImportFileError, ImportFormat, ImportTable, isBlankRow, TableRow } from './import-table';
import { readXlsxTable, tooManyRows } from './xlsx-table.util';
import { looksLikeLegacyXls, looksLikeZip } from './zip-directory.util';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MEDIA_TYPE = 'text/csv';

/** Media types an import accepts; the ambiguous ones are decided by the file's first bytes. */
export const IMPORT_MEDIA_TYPES = [CSV_MEDIA_TYPE, 'application/csv', 'text/plain', XLSX_MEDIA_TYPE, 'application/octet-stream', 'application/vnd.ms-excel'] as const;

/**
 * The format a file is read as: CSV and XLSX by their media type; `application/octet-stream` and
 * `application/vnd.ms-excel` (what Windows calls a .csv when Excel is installed) by their bytes.
 */
export function importFormatOf(mediaType: string, bytes: Buffer): ImportFormat {
  const type = mediaType.split(';')[0].trim().toLowerCase();
  if (type === XLSX_MEDIA_TYPE) return 'xlsx';
  if (type === 'application/octet-stream' || type === 'application/vnd.ms-excel') return looksLikeZip(bytes) || looksLikeLegacyXls(bytes) ? 'xlsx' : 'csv';
  return 'csv';
}

export interface ImportLimits {
  maxRows: number;
  maxBytes: number;
}

/** The file as rows of cell texts, or an ImportFileError saying why it cannot be read. */
export async function readImportFile(bytes: Buffer, format: ImportFormat, limits: ImportLimits): Promise<ImportTable> {
  if (bytes.length === 0) throw new ImportFileError(422, 'file', 'the file is empty');
  if (bytes.length > limits.maxBytes) throw fileTooLarge(bytes.length, limits.maxBytes);
  const table = format === 'xlsx' ? await readXlsxTable(bytes, limits) : readCsvTable(bytes, limits.maxRows);
  if (table.rows.length === 0) throw new ImportFileError(422, 'file', 'the file has a header row but no rows of AI systems');
  return table;
}

export function fileTooLarge(size: number | null, maxBytes: number): ImportFileError {
  const limit = maxBytes.toLocaleString('en');
  const what = size === null ? `larger than ${limit} bytes, the most an import takes` : `${size.toLocaleString('en')} bytes; an import takes at most ${limit} bytes`;
  return new ImportFileError(413, 'file', `the file is ${what} (IMPORT_MAX_BYTES): split it into several files`);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A CSV file (RFC 4180, UTF-8 with or without a byte order mark) as rows. The header row is the
 * first record with anything in it; records are numbered as a spreadsheet numbers its rows.
 */
export function readCsvTable(bytes: Buffer, maxRows: number): ImportTable {
  if (looksLikeZip(bytes)) {
    throw new ImportFileError(422, 'file', 'the file is an XLSX workbook, not CSV text; send it as application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new ImportFileError(422, 'file', 'the file is UTF-16 text; save it as CSV UTF-8 (in Excel: Save As, "CSV UTF-8")');
  }
  let text: string;
  try {
    // TextDecoder drops a UTF-8 byte order mark by itself.
    text = UTF8.decode(bytes);
  } catch {
    const lenient = bytes.toString('utf8');
    const bad = lenient.indexOf('\ufffd');
    const line = lenient.slice(0, Math.max(bad, 0)).split(/\r\n|\r|\n/).length;
    throw new ImportFileError(422, 'file', `the file is not UTF-8 text (line ${line} has bytes that are not UTF-8); save it as CSV UTF-8 (in Excel: Save As, "CSV UTF-8")`);
  }
  if (text.trim() === '') throw new ImportFileError(422, 'file', 'the file is empty');
  let records: string[][];
  try {
    records = parseCsvRecords(text, detectDelimiter(text));
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new ImportFileError(422, 'file', `the file is not valid CSV: ${error.message}`);
    throw error;
  }
  let header: TableRow | null = null;
  const rows: TableRow[] = [];
  let dataRows = 0;
  records.forEach((cells, index) => {
    if (isBlankRow(cells)) return;
    if (!header) {
      header = { row: index + 1, cells };
      return;
    }
    dataRows++;
    if (dataRows <= maxRows) rows.push({ row: index + 1, cells });
  });
  if (dataRows > maxRows) throw tooManyRows(maxRows, dataRows);
  return { format: 'csv', sheetName: null, header: header!, rows, cellProblems: [] };
}
