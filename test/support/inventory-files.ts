import * as ExcelJS from 'exceljs';
import type { Harness } from './governance-harness';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The import's columns as the export and the template head them. */
export const IMPORT_HEADERS: Record<string, string> = {
  externalId: 'External ID',
  name: 'Name',
  purpose: 'Purpose',
  intendedUse: 'Intended use',
  accountableOwner: 'Accountable owner email',
  businessUnit: 'Business unit',
  dataSources: 'Data sources',
  dataCategories: 'Data categories',
  personalData: 'Personal data',
  specialCategoryData: 'Special category data',
  modelType: 'Model type',
  vendorType: 'Vendor type',
  vendorName: 'Vendor name',
  deploymentContext: 'Deployment context',
  affectedStakeholders: 'Affected stakeholders',
  autonomyLevel: 'Autonomy level',
};

export type InventoryRow = Record<string, string>;

/** One valid row (keys as IMPORT_HEADERS), with overrides. */
export function inventoryRow(externalId: string, ownerEmail: string, overrides: InventoryRow = {}): InventoryRow {
  return {
    externalId,
    name: `System ${externalId}`,
    purpose: `Purpose of ${externalId}`,
    intendedUse: 'Internal decision support; a person decides',
    accountableOwner: ownerEmail,
    businessUnit: 'Operations',
    dataSources: 'warehouse; ticket system',
    dataCategories: 'operational data',
    personalData: 'yes',
    specialCategoryData: 'no',
    modelType: 'gradient boosted trees',
    vendorType: 'in_house',
    vendorName: '',
    deploymentContext: 'internal tool',
    affectedStakeholders: 'employees',
    autonomyLevel: 'human_in_the_loop',
    ...overrides,
  };
}

const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** An RFC 4180 file of these rows under the import's headers (or the given column keys), CRLF, optionally with a byte order mark. */
export function inventoryCsv(rows: InventoryRow[], opts: { columns?: string[]; bom?: boolean } = {}): Buffer {
  const columns = opts.columns ?? Object.keys(IMPORT_HEADERS);
  const lines = [columns.map((c) => csvField(IMPORT_HEADERS[c] ?? c)), ...rows.map((r) => columns.map((c) => csvField(r[c] ?? '')))];
  const text = `${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
  return Buffer.from(`${opts.bom ? '\ufeff' : ''}${text}`, 'utf8');
}

/** The same rows as an XLSX workbook, sheet "AI systems". */
export async function inventoryXlsx(rows: InventoryRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('AI systems');
  const columns = Object.keys(IMPORT_HEADERS);
  sheet.addRow(columns.map((c) => IMPORT_HEADERS[c]));
  for (const r of rows) sheet.addRow(columns.map((c) => r[c] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** POSTs a file as the request body (not JSON) and parses the JSON answer. */
export async function upload(
  h: Harness,
  path: string,
  bytes: Buffer | string,
  opts: { token: string; type?: string; headers?: Record<string, string> },
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${h.baseUrl}${path}`, {
    method: 'POST',
    headers: { accept: 'application/json', authorization: `Bearer ${opts.token}`, 'content-type': opts.type ?? 'text/csv', ...opts.headers },
    body: bytes,
  });
  const text = await response.text();
  return { status: response.status, body: response.headers.get('content-type')?.includes('application/json') && text ? JSON.parse(text) : text, headers: response.headers };
}

/**
 * Row counts of every table in the database (not a chosen list), to prove a request wrote
 * nothing anywhere. Read in one snapshot.
 */
export async function everyTableCount(h: Harness): Promise<Record<string, number>> {
  const tables: Array<{ table_name: string }> = await h.dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const counts: Array<{ t: string; n: number }> = await h.dataSource.query(
    tables.map((t) => `SELECT '${t.table_name}' AS t, count(*)::int AS n FROM "${t.table_name}"`).join(' UNION ALL '),
  );
  return Object.fromEntries(counts.map((c) => [c.t, c.n]));
}
