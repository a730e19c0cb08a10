import { INVENTORY_COLUMNS } from './inventory-columns';
import type { ImportTable } from './import-table';

/** The import's columns by key, as a file's header names them. */
export const IMPORT_HEADERS = INVENTORY_COLUMNS.filter((c) => c.kind !== 'informational' && c.kind !== 'system_id').map((c) => c.header);

/** One valid row of an import file (keys as INVENTORY_COLUMNS), with overrides. */
export function importRow(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    externalId: 'CMDB-1',
    name: 'Claims triage',
    purpose: 'Sort incoming claims by urgency',
    intendedUse: 'Internal triage; a person decides every claim',
    accountableOwner: 'olga@example.test',
    businessUnit: 'Claims',
    dataSources: 'claims system\ncall notes',
    dataCategories: 'contact data',
    personalData: 'true',
    specialCategoryData: 'no',
    modelType: 'gradient boosted trees',
    vendorType: 'in_house',
    vendorName: '',
    deploymentContext: 'internal tool',
    affectedStakeholders: 'customers; claims handlers',
    autonomyLevel: 'human in the loop',
    ...overrides,
  };
}

/** A table (as the file readers make one) of these rows under the import's headers, from row 2. */
export function importTable(rows: Array<Record<string, string>>, headers: string[] = IMPORT_HEADERS): ImportTable {
  const keys = headers.map((h) => INVENTORY_COLUMNS.find((c) => c.header === h)?.key ?? h);
  return {
    format: 'csv',
    sheetName: null,
    header: { row: 1, cells: headers },
    rows: rows.map((r, i) => ({ row: i + 2, cells: keys.map((k) => r[k] ?? '') })),
    cellProblems: [],
  };
}
