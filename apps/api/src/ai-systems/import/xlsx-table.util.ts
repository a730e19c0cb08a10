import * as ExcelJS from 'exceljs';
import { columnLetter, headerKey } from './inventory-columns';
import { ImportFileError, ImportProblem, ImportTable, isBlankRow, TableRow } from './import-table';
import { looksLikeLegacyXls, looksLikeZip, readZipDirectory } from './zip-directory.util';

/** The sheet an import reads, when a workbook has it: else the first one. */
export const INVENTORY_SHEET_NAME = 'AI systems';

/**
 * How much a workbook may inflate to, as a multiple of the file size limit: a real sheet of
 * 5,000 systems inflates about 5-8 times; past this it is a zip bomb or not an inventory.
 */
const INFLATE_FACTOR = 10;
/** entries of an XLSX package: a handful of parts per sheet; thousands is not a spreadsheet */
const MAX_ZIP_ENTRIES = 2_000;

type CellText = { text: string } | { problem: string };

/** A cell as text: what the person sees in the cell (a formula's last computed value). */
export function cellText(value: ExcelJS.CellValue): CellText {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: String(value) };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false' };
  if (value instanceof Date) return { text: Number.isNaN(value.getTime()) ? '' : value.toISOString() };
  if ('error' in value) return { problem: `the cell holds the error ${value.error}` };
  if ('richText' in value) return { text: value.richText.map((part) => part.text).join('') };
  if ('hyperlink' in value) return cellText((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined) return { problem: 'the cell holds a formula without a computed value; paste the values instead' };
    return cellText(result as ExcelJS.CellValue);
  }
  return { problem: 'the cell holds something that is not text' };
}

/** The sheet named like "AI systems" (case and spaces aside), else the first one. */
function chooseSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet | undefined {
  const wanted = headerKey(INVENTORY_SHEET_NAME);
  return workbook.worksheets.find((sheet) => headerKey(sheet.name) === wanted) ?? workbook.worksheets[0];
}

/**
 * An XLSX workbook's inventory sheet as rows of cell texts. The header row is the sheet's first
 * row with anything in it; rows keep the numbers the spreadsheet shows. Refused before anything
 * is inflated: bytes that are not a ZIP (an old .xls named as .xlsx, a renamed CSV), and a ZIP
 * that declares more than the limits allow; refused after reading: a workbook the reader cannot
 * read, one without a sheet, and one with more data rows than `maxRows`.
 */
export async function readXlsxTable(bytes: Buffer, limits: { maxRows: number; maxBytes: number }): Promise<ImportTable> {
  if (looksLikeLegacyXls(bytes)) {
    throw new ImportFileError(422, 'file', 'this is an Excel 97-2003 (.xls) workbook; save it as an Excel workbook (.xlsx) or as CSV UTF-8 and import that');
  }
  if (!looksLikeZip(bytes)) throw new ImportFileError(422, 'file', 'the file is not an XLSX workbook (an XLSX file is a ZIP package; this one is not)');
  const directory = readZipDirectory(bytes);
  if (!directory) throw new ImportFileError(422, 'file', 'the file is not a readable XLSX workbook (its ZIP directory is damaged or incomplete)');
  const maxInflated = limits.maxBytes * INFLATE_FACTOR;
  if (directory.entries > MAX_ZIP_ENTRIES || directory.inflatedBytes > maxInflated) {
    throw new ImportFileError(
      413,
      'file',
      `the workbook unpacks to ${directory.inflatedBytes.toLocaleString('en')} bytes in ${directory.entries} parts; an import reads at most ${maxInflated.toLocaleString('en')} bytes in ${MAX_ZIP_ENTRIES} parts`,
    );
  }

  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its Buffer as an ArrayBuffer; it takes a Node Buffer
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new ImportFileError(422, 'file', `the file is not a readable XLSX workbook (${(error as Error).message.slice(0, 200)})`);
  }
  const sheet = chooseSheet(workbook);
  if (!sheet) throw new ImportFileError(422, 'file', 'the workbook has no worksheet');

  const cellProblems: ImportProblem[] = [];
  const rows: TableRow[] = [];
  let header: TableRow | null = null;
  let dataRows = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    // past the limit the rows are only counted, for the refusal to say how many there are
    if (dataRows > limits.maxRows) {
      if (row.hasValues) dataRows++;
      return;
    }
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const read = cellText(cell.value);
      if ('problem' in read) {
        cellProblems.push({ row: rowNumber, column: columnLetter(col - 1), code: 'unreadable_cell', message: read.problem });
        cells[col - 1] = '';
      } else {
        cells[col - 1] = read.text;
      }
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    if (isBlankRow(cells)) return;
    if (!header) {
      header = { row: rowNumber, cells };
      return;
    }
    dataRows++;
    if (dataRows <= limits.maxRows) rows.push({ row: rowNumber, cells });
  });
  if (!header) throw new ImportFileError(422, 'file', `the worksheet "${sheet.name}" is empty: it needs a header row and one row per AI system`);
  if (dataRows > limits.maxRows) throw tooManyRows(limits.maxRows, dataRows);
  // Problems of the header row are the header's, reported with it; a cell problem under it stays a row problem.
  const headerRow = (header as TableRow).row;
  return { format: 'xlsx', sheetName: sheet.name, header, rows, cellProblems: cellProblems.filter((p) => p.row !== headerRow) };
}

export const tooManyRows = (maxRows: number, rows: number): ImportFileError =>
  new ImportFileError(
    422,
    'file',
    `the file has ${rows.toLocaleString('en')} data rows; one import takes at most ${maxRows.toLocaleString('en')} (IMPORT_MAX_ROWS): split it into several files`,
  );
