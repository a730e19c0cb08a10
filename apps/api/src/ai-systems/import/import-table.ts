/** What an import file is read into before any column means anything: rows of cell texts. */
import { ApiError } from '../../common/api-error';

export type ImportFormat = 'csv' | 'xlsx';

/**
 * One problem of one row: `row 14, accountableOwner: no active user with this email`. Rows are
 * numbered as a spreadsheet shows them (the header is row 1 when it is the first row); `column`
 * is the column's key (INVENTORY_COLUMNS), or a column letter where the column has no key, or
 * null for the row as a whole.
 */
export interface ImportProblem {
  row: number;
  column: string | null;
  code: string;
  message: string;
}

export interface TableRow {
  /** the row number a spreadsheet shows */
  row: number;
  /** the cells' texts, left to right from column A */
  cells: string[];
}

export interface ImportTable {
  format: ImportFormat;
  /** the worksheet read (XLSX only) */
  sheetName: string | null;
  header: TableRow;
  /** rows after the header with at least one non-blank cell */
  rows: TableRow[];
  /** cells that could not be read as text (a formula without a value, an error cell) */
  cellProblems: ImportProblem[];
}

/**
 * The file as a whole cannot be imported (empty, malformed, not a workbook, too large, a header
 * row the import does not understand): answered as `status` with `field` and the reason, before
 * any row is looked at.
 */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';

  constructor(
    readonly status: 400 | 413 | 415 | 422,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }

  /** The API's one error shape for it. */
  toApiError(): ApiError {
    return new ApiError(this.status, this.message, this.field);
  }
}

/** `row 14, accountableOwner: no active user with this email` */
export const describeProblem = (p: ImportProblem): string => `row ${p.row}${p.column ? `, ${p.column}` : ''}: ${p.message}`;

export const isBlankRow = (cells: readonly string[]): boolean => cells.every((c) => c.trim() === '');
