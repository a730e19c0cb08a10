import type { AUTONOMY_LEVELS, VENDOR_TYPES } from '@aigov/domain/ai-system-profile';
import { columnForHeader, columnLetter, INVENTORY_COLUMNS, InventoryColumn, REQUIRED_COLUMNS } from './inventory-columns';
import { ImportFileError, ImportProblem, ImportTable, TableRow } from './import-table';

/** A registration as an import row gives it; the owner is named by email and resolved later. */
export interface ImportedRegistration {
  name: string;
  purpose: string;
  intendedUse: string;
  businessUnit: string;
  dataSources: string[];
  dataCategories: string[];
  personalData: boolean;
  specialCategoryData: boolean;
  modelType: string;
  vendorType: (typeof VENDOR_TYPES)[number];
  vendorName: string | null;
  deploymentContext: string;
  affectedStakeholders: string[];
  autonomyLevel: (typeof AUTONOMY_LEVELS)[number];
}

/** One data row as read: what parsed, and whether everything did. */
export interface RowCandidate {
  row: number;
  externalId: string | null;
  /** the `System ID` column (the export's), when given */
  systemId: string | null;
  /** lower-cased */
  ownerEmail: string | null;
  registration: Partial<ImportedRegistration>;
  /** every column parsed: the row can be compared and written */
  complete: boolean;
}

/** Which column each cell of the file belongs to; null where the header cell is empty. */
export interface HeaderMap {
  columns: ReadonlyArray<InventoryColumn | null>;
  /** headers of columns the export writes and an import ignores (stage, dates, ...) */
  ignored: string[];
}

const quoted = (text: string) => `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;

/**
 * Maps the header row to columns; refuses, naming every offender at once, a header with a column
 * the import does not know, a column given twice, or a required column missing.
 */
export function mapHeader(header: TableRow): HeaderMap {
  const columns: Array<InventoryColumn | null> = [];
  const unknown: string[] = [];
  const seen = new Map<string, string>();
  const repeated: string[] = [];
  header.cells.forEach((raw, index) => {
    const text = raw.trim();
    if (!text) {
      columns[index] = null;
      return;
    }
    const column = columnForHeader(text);
    if (!column) {
      unknown.push(`${quoted(text)} (column ${columnLetter(index)})`);
      columns[index] = null;
      return;
    }
    const first = seen.get(column.key);
    if (first !== undefined) repeated.push(`${quoted(text)} (column ${columnLetter(index)}) repeats column ${first}`);
    else seen.set(column.key, columnLetter(index));
    columns[index] = column;
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c.key)).map((c) => `${c.key} ("${c.header}")`);
  const parts: string[] = [];
  if (missing.length) parts.push(`missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  if (unknown.length) parts.push(`unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  if (repeated.length) parts.push(`repeated column${repeated.length > 1 ? 's' : ''}: ${repeated.join(', ')}`);
  if (parts.length) {
    const known = INVENTORY_COLUMNS.filter((c) => c.kind !== 'informational').map((c) => c.header);
    throw new ImportFileError(
      422,
      'columns',
      `the header row (row ${header.row}) does not fit: ${parts.join('; ')}. The columns are: ${known.join(', ')} (case and spaces do not matter); the export's other columns are accepted and ignored`,
    );
  }
  return { columns, ignored: INVENTORY_COLUMNS.filter((c) => c.kind === 'informational' && seen.has(c.key)).map((c) => c.header) };
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** control characters other than tab and line breaks: never part of a name or a key */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const MAX_ITEMS = 50;
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

type Parsed<T> = { value: T } | { code: string; message: string };

/** Text PostgreSQL can store (no NUL, no lone surrogate), trimmed, within its length. */
function text(raw: string, column: InventoryColumn): Parsed<string | null> {
  const value = raw.trim();
  if (!value) return column.required ? { code: 'required', message: 'is required' } : { value: null };
  if (value.includes('\u0000') || LONE_SURROGATE.test(value)) return { code: 'not_storable', message: 'contains characters that cannot be stored (NUL or an unpaired surrogate)' };
  if (column.max && value.length > column.max) return { code: 'too_long', message: `must be at most ${column.max} characters (has ${value.length})` };
  return { value };
}

/**
 * A list cell: one item per line, or, in a cell without line breaks, items separated by
 * semicolons (so the export writes items one per line, and a single item holding a semicolon
 * with a final line break).
 */
export function splitList(raw: string): string[] {
  const separator = /\r\n|\r|\n/.test(raw) ? /\r\n|\r|\n/ : /;/;
  return raw
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function list(raw: string, column: InventoryColumn): Parsed<string[]> {
  const items = splitList(raw);
  if (items.length > MAX_ITEMS) return { code: 'too_many_items', message: `has ${items.length} items; at most ${MAX_ITEMS}` };
  const long = items.find((item) => item.length > (column.max ?? 200));
  if (long !== undefined) return { code: 'too_long', message: `item ${quoted(long)} is longer than ${column.max ?? 200} characters` };
  if (items.some((item) => item.includes('\u0000') || LONE_SURROGATE.test(item))) {
    return { code: 'not_storable', message: 'contains characters that cannot be stored (NUL or an unpaired surrogate)' };
  }
  return { value: items };
}

function boolean(raw: string): Parsed<boolean> {
  const word = raw.trim().toLowerCase();
  if (!word) return { code: 'required', message: 'is required (true or false)' };
  if (TRUE_WORDS.has(word)) return { value: true };
  if (FALSE_WORDS.has(word)) return { value: false };
  return { code: 'invalid', message: `must be true or false (yes/no and 1/0 also work), not ${quoted(raw.trim())}` };
}

/** `Third party`, `third-party` and `THIRD_PARTY` are third_party. */
function choice(raw: string, column: InventoryColumn): Parsed<string> {
  const word = raw.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (!word) return { code: 'required', message: `is required (one of ${column.values!.join(', ')})` };
  if (column.values!.includes(word)) return { value: word };
  return { code: 'invalid', message: `must be one of ${column.values!.join(', ')}, not ${quoted(raw.trim())}` };
}

function key(raw: string, column: InventoryColumn): Parsed<string> {
  const value = raw.trim();
  if (!value) return { code: 'required', message: 'is required: every row names its system by an external id' };
  if (value.length > column.max!) return { code: 'too_long', message: `must be at most ${column.max} characters (has ${value.length})` };
  if (CONTROL.test(value) || /[\r\n]/.test(value) || LONE_SURROGATE.test(value)) return { code: 'invalid', message: 'must be one line of text without control characters' };
  return { value };
}

function email(raw: string): Parsed<string> {
  const value = raw.trim().toLowerCase();
  if (!value) return { code: 'required', message: 'is required (the email of the accountable owner)' };
  if (!EMAIL.test(value) || value.length > 320) return { code: 'invalid', message: `is not an email address: ${quoted(raw.trim())}` };
  return { value };
}

function systemId(raw: string): Parsed<string | null> {
  const value = raw.trim();
  if (!value) return { value: null };
  if (!UUID.test(value)) return { code: 'invalid', message: `is not a system id (a UUID, as the export writes it): ${quoted(value)}` };
  return { value: value.toLowerCase() };
}

/**
 * Reads every data row against the header's columns: each cell's problems by row and column
 * (every one, not the first), and what parsed. Cells under a column without a header are a
 * problem of their own; so are two rows with one external id.
 */
export function readRows(table: ImportTable, header: HeaderMap): { candidates: RowCandidate[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [...table.cellProblems];
  const candidates: RowCandidate[] = [];
  const unreadable = new Set(table.cellProblems.map((p) => `${p.row}:${p.column}`));
  for (const { row, cells } of table.rows) {
    const candidate: RowCandidate = { row, externalId: null, systemId: null, ownerEmail: null, registration: {}, complete: true };
    const registration = candidate.registration as Record<string, unknown>;
    const fail = (column: string, code: string, message: string) => {
      problems.push({ row, column, code, message });
      candidate.complete = false;
    };
    const width = Math.max(cells.length, header.columns.length);
    for (let index = 0; index < width; index++) {
      const raw = cells[index] ?? '';
      const column = header.columns[index] ?? null;
      if (!column) {
        if (raw.trim()) fail(columnLetter(index), 'unnamed_column', `a value in column ${columnLetter(index)}, which has no header`);
        continue;
      }
      if (unreadable.has(`${row}:${columnLetter(index)}`)) {
        candidate.complete = false;
        continue;
      }
      let parsed: Parsed<unknown>;
      switch (column.kind) {
        case 'informational':
          continue;
        case 'key':
          parsed = key(raw, column);
          if ('value' in parsed) candidate.externalId = parsed.value as string;
          break;
        case 'system_id':
          parsed = systemId(raw);
          if ('value' in parsed) candidate.systemId = parsed.value as string | null;
          break;
        case 'email':
          parsed = email(raw);
          if ('value' in parsed) candidate.ownerEmail = parsed.value as string;
          break;
        case 'text':
          parsed = text(raw, column);
          break;
        case 'list':
          parsed = list(raw, column);
          break;
        case 'boolean':
          parsed = boolean(raw);
          break;
        case 'choice':
          parsed = choice(raw, column);
          break;
      }
      if ('code' in parsed) fail(column.key, parsed.code, parsed.message);
      else if (column.field && column.kind !== 'email') registration[column.field] = parsed.value;
    }
    // A file without the (optional) vendor name column still gets a value for it.
    if (registration.vendorName === undefined && !header.columns.some((c) => c?.key === 'vendorName')) registration.vendorName = null;
    if (registration.vendorType === 'third_party' && registration.vendorName === null) {
      fail('vendorName', 'required', 'is required for a third-party system');
    }
    candidates.push(candidate);
  }
  markDuplicateKeys(candidates, problems);
  return { candidates, problems };
}

/** Every row of an external id given on several rows gets a problem naming the others. */
function markDuplicateKeys(candidates: RowCandidate[], problems: ImportProblem[]): void {
  const rowsByKey = new Map<string, number[]>();
  for (const c of candidates) {
    if (c.externalId === null) continue;
    const rows = rowsByKey.get(c.externalId) ?? [];
    rows.push(c.row);
    rowsByKey.set(c.externalId, rows);
  }
  for (const c of candidates) {
    const rows = c.externalId === null ? [] : rowsByKey.get(c.externalId)!;
    if (rows.length < 2) continue;
    const others = rows.filter((r) => r !== c.row);
    problems.push({
      row: c.row,
      column: 'externalId',
      code: 'duplicate_external_id',
      message: `${quoted(c.externalId!)} is also on row${others.length > 1 ? 's' : ''} ${others.join(', ')}; each system has one row`,
    });
    c.complete = false;
  }
}

/** Problems in the order a person reads the file: by row, then by the column's place. */
export function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  const order = new Map(INVENTORY_COLUMNS.map((c, i) => [c.key, i]));
  // a column without a key (a letter: a cell under no header) after the known ones; Array.sort is stable
  const place = (column: string | null) => (column === null ? -1 : (order.get(column) ?? order.size));
  return [...problems].sort((a, b) => a.row - b.row || place(a.column) - place(b.column));
}
