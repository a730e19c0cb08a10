import { csvField } from '../soa/export/soa-export-csv.util';

/** One exported system, as the export's SELECT names its columns. */
export interface InventoryCsvRow {
  id: string;
  name: string;
  stage: string;
  risk_tier: string | null;
  business_unit: string;
  owner_name: string | null;
  owner_email: string | null;
  purpose: string;
  intended_use: string;
  model_type: string;
  vendor_type: string;
  vendor_name: string | null;
  deployment_context: string;
  autonomy_level: string;
  personal_data: boolean;
  special_category_data: boolean;
  current_version: string | null;
  last_approved_version: string | null;
  stage_entered_at: Date;
  next_review_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const INVENTORY_CSV_COLUMNS: ReadonlyArray<keyof InventoryCsvRow> = [
  'id',
  'name',
  'stage',
  'risk_tier',
  'business_unit',
  'owner_name',
  'owner_email',
  'purpose',
  'intended_use',
  'model_type',
  'vendor_type',
  'vendor_name',
  'deployment_context',
  'autonomy_level',
  'personal_data',
  'special_category_data',
  'current_version',
  'last_approved_version',
  'stage_entered_at',
  'next_review_at',
  'created_at',
  'updated_at',
];

export const inventoryCsvHeader = (): string => `${INVENTORY_CSV_COLUMNS.join(',')}\r\n`;

/**
 * One system as an RFC 4180 line (CRLF): dates in ISO 8601 UTC, booleans as true/false, and every
 * text through csvField, so a name like `=HYPERLINK(...)` stays text in a spreadsheet.
 */
export function inventoryCsvLine(row: InventoryCsvRow): string {
  return `${INVENTORY_CSV_COLUMNS.map((column) => {
    const value = row[column];
    return csvField(value instanceof Date ? value.toISOString() : value);
  }).join(',')}\r\n`;
}
