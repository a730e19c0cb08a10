import * as ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { INVENTORY_COLUMNS, InventoryColumn } from './import/inventory-columns';
import { INVENTORY_SHEET_NAME } from './import/xlsx-table.util';

/** One exported system, as the export's SELECT names its columns. */
export interface InventoryXlsxRow {
  id: string;
  external_id: string | null;
  name: string;
  purpose: string;
  intended_use: string;
  owner_email: string | null;
  owner_name: string | null;
  business_unit: string;
  data_sources: string[];
  data_categories: string[];
  personal_data: boolean;
  special_category_data: boolean;
  model_type: string;
  vendor_type: string;
  vendor_name: string | null;
  deployment_context: string;
  affected_stakeholders: string[];
  autonomy_level: string;
  stage: string;
  risk_tier: string | null;
  current_version: string | null;
  last_approved_version: string | null;
  stage_entered_at: Date;
  next_review_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Characters XML 1.0 cannot hold; a cell with one would make the whole workbook unreadable. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const text = (value: string | null): string => (value ?? '').replace(NOT_XML, '\ufffd');

/**
 * A list cell as an import reads it back: one item per line; a single item holding a semicolon
 * gets a final line break, or the import would split it at the semicolon.
 */
export function listCell(items: readonly string[]): string {
  const cell = items.map(text).join('\n');
  return items.length === 1 && items[0].includes(';') ? `${cell}\n` : cell;
}

/** The value each column gets for one system. */
const CELL: Record<string, (r: InventoryXlsxRow) => ExcelJS.CellValue> = {
  externalId: (r) => text(r.external_id ?? r.id),
  name: (r) => text(r.name),
  purpose: (r) => text(r.purpose),
  intendedUse: (r) => text(r.intended_use),
  accountableOwner: (r) => text(r.owner_email),
  businessUnit: (r) => text(r.business_unit),
  dataSources: (r) => listCell(r.data_sources),
  dataCategories: (r) => listCell(r.data_categories),
  personalData: (r) => r.personal_data,
  specialCategoryData: (r) => r.special_category_data,
  modelType: (r) => text(r.model_type),
  vendorType: (r) => r.vendor_type,
  vendorName: (r) => text(r.vendor_name),
  deploymentContext: (r) => text(r.deployment_context),
  affectedStakeholders: (r) => listCell(r.affected_stakeholders),
  autonomyLevel: (r) => r.autonomy_level,
  id: (r) => r.id,
  stage: (r) => r.stage,
  riskTier: (r) => r.risk_tier ?? '',
  ownerName: (r) => text(r.owner_name),
  currentVersion: (r) => text(r.current_version),
  lastApprovedVersion: (r) => text(r.last_approved_version),
  stageEnteredAt: (r) => new Date(r.stage_entered_at),
  nextReviewAt: (r) => (r.next_review_at ? new Date(r.next_review_at) : null),
  createdAt: (r) => new Date(r.created_at),
  updatedAt: (r) => new Date(r.updated_at),
};

export function inventoryXlsxValues(row: InventoryXlsxRow): ExcelJS.CellValue[] {
  return INVENTORY_COLUMNS.map((column) => CELL[column.key](row));
}

const editable = (c: InventoryColumn) => c.kind !== 'informational' && c.kind !== 'system_id';
const WRAPPED = new Set(['purpose', 'intendedUse', 'dataSources', 'dataCategories', 'affectedStakeholders', 'deploymentContext']);
const DATES = new Set(['stageEnteredAt', 'nextReviewAt', 'createdAt', 'updatedAt']);

/**
 * The inventory as an XLSX workbook, written as it streams (rows are flushed as they come, so
 * memory stays flat however large the inventory): sheet "AI systems" with one row per system in
 * the import's columns (an exported file imports back as "unchanged"), then what the engine keeps
 * (greyed headers: stage, tier, versions, dates in UTC), and a "Columns" sheet saying what each
 * column holds and whether an import reads it. Every value is a plain cell, never a formula.
 */
export async function writeInventoryXlsx(batches: AsyncIterable<InventoryXlsxRow[]>, out: Writable, exportedAt: Date): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'AI Governance Engine';
  workbook.created = exportedAt;
  const sheet = workbook.addWorksheet(INVENTORY_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  sheet.columns = INVENTORY_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: {
      alignment: { vertical: 'top', wrapText: WRAPPED.has(c.key) },
      ...(DATES.has(c.key) ? { numFmt: 'yyyy-mm-dd hh:mm:ss' } : {}),
    },
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  INVENTORY_COLUMNS.forEach((c, i) => {
    header.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: editable(c) ? 'FFDDE5F0' : 'FFEEEEEE' } };
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: INVENTORY_COLUMNS.length } };
  header.commit();
  for await (const batch of batches) {
    for (const row of batch) sheet.addRow(inventoryXlsxValues(row)).commit();
  }
  sheet.commit();

  const about = workbook.addWorksheet('Columns', { views: [{ state: 'frozen', ySplit: 1 }] });
  about.columns = [
    { header: 'Column', key: 'column', width: 26 },
    { header: 'Import', key: 'import', width: 22 },
    { header: 'What it holds', key: 'description', width: 100, style: { alignment: { wrapText: true, vertical: 'top' } } },
  ];
  about.getRow(1).font = { bold: true };
  about.getRow(1).commit();
  for (const c of INVENTORY_COLUMNS) {
    const reads = c.kind === 'informational' ? 'ignored' : c.kind === 'system_id' ? 'checked' : c.required ? 'read, required' : 'read';
    about.addRow({ column: c.header, import: reads, description: c.description }).commit();
  }
  about.addRow({}).commit();
  about.addRow({ column: 'Exported at (UTC)', description: exportedAt.toISOString() }).commit();
  about.commit();
  await workbook.commit();
}
