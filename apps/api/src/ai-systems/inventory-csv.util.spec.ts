import { parse } from 'csv-parse/sync';
import { INVENTORY_CSV_COLUMNS, inventoryCsvHeader, inventoryCsvLine, InventoryCsvRow } from './inventory-csv.util';

const row = (overrides: Partial<InventoryCsvRow> = {}): InventoryCsvRow => ({
  id: '3f1c2a55-0000-4000-8000-000000000001',
  name: 'CV screening',
  stage: 'operation',
  risk_tier: 'high',
  business_unit: 'People',
  owner_name: 'Olga Owner',
  owner_email: 'olga@example.test',
  purpose: 'Ranks applications, then a recruiter decides',
  intended_use: 'Shortlisting',
  model_type: 'gradient boosted trees',
  vendor_type: 'third_party',
  vendor_name: 'Acme, Inc.',
  deployment_context: 'internal',
  autonomy_level: 'human_in_the_loop',
  personal_data: true,
  special_category_data: false,
  current_version: '1.2',
  last_approved_version: '1.2',
  stage_entered_at: new Date('2026-11-01T08:00:00Z'),
  next_review_at: null,
  created_at: new Date('2026-10-01T08:00:00Z'),
  updated_at: new Date('2026-11-01T08:00:00Z'),
  ...overrides,
});

describe('inventory CSV', () => {
  it('parses back to the header and the row: dates ISO, booleans as words, empty for null, quoting where needed', () => {
    const csv = inventoryCsvHeader() + inventoryCsvLine(row({ purpose: 'Line one\nline "two"' }));
    expect(csv.endsWith('\r\n')).toBe(true);
    const [header, values] = parse(csv) as string[][];
    expect(header).toEqual([...INVENTORY_CSV_COLUMNS]);
    const record = Object.fromEntries(header.map((h, i) => [h, values[i]]));
    expect(record).toMatchObject({
      name: 'CV screening',
      vendor_name: 'Acme, Inc.',
      purpose: 'Line one\nline "two"',
      personal_data: 'true',
      special_category_data: 'false',
      next_review_at: '',
      stage_entered_at: '2026-11-01T08:00:00.000Z',
    });
  });

  it('keeps text a spreadsheet would run as a formula as text', () => {
    for (const evil of ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd']) {
      const [values] = parse(inventoryCsvLine(row({ name: evil, owner_name: evil }))) as string[][];
      expect(values[1]).toBe(`'${evil}`);
      expect(values[5]).toBe(`'${evil}`);
    }
  });
});
