import * as ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { INVENTORY_COLUMNS } from './import/inventory-columns';
import { mapHeader, readRows } from './import/import-rows.util';
import { readXlsxTable } from './import/xlsx-table.util';
import { InventoryXlsxRow, listCell, writeInventoryXlsx } from './inventory-xlsx.util';

const system = (overrides: Partial<InventoryXlsxRow> = {}): InventoryXlsxRow => ({
  id: '3f1c2a55-0000-4000-8000-000000000001',
  external_id: 'CMDB-1',
  name: 'CV screening',
  purpose: 'Ranks applications, then a recruiter decides',
  intended_use: 'Shortlisting',
  owner_email: 'olga@example.test',
  owner_name: 'Olga Owner',
  business_unit: 'People',
  data_sources: ['applicant tracking', 'CV uploads'],
  data_categories: ['employment history'],
  personal_data: true,
  special_category_data: false,
  model_type: 'gradient boosted trees',
  vendor_type: 'third_party',
  vendor_name: 'Acme, Inc.',
  deployment_context: 'internal',
  affected_stakeholders: ['applicants'],
  autonomy_level: 'human_in_the_loop',
  stage: 'operation',
  risk_tier: 'high',
  current_version: '1.2',
  last_approved_version: '1.2',
  stage_entered_at: new Date('2026-11-01T08:00:00Z'),
  next_review_at: null,
  created_at: new Date('2026-10-01T08:00:00Z'),
  updated_at: new Date('2026-11-01T08:00:00Z'),
  ...overrides,
});

async function exportOf(rows: InventoryXlsxRow[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => out.on('end', resolve));
  async function* batches() {
    yield rows.slice(0, 1);
    yield rows.slice(1);
  }
  await writeInventoryXlsx(batches(), out, new Date('2026-12-01T09:00:00Z'));
  await done;
  return Buffer.concat(chunks);
}

describe('the inventory as XLSX', () => {
  it('reads back, through the import’s own reader, as the values it was written from', async () => {
    const rows = [
      system(),
      system({
        id: '3f1c2a55-0000-4000-8000-000000000002',
        external_id: null,
        name: '=HYPERLINK("http://evil.example","x")',
        data_sources: ['one; with a semicolon'],
        data_categories: [],
        vendor_type: 'in_house',
        vendor_name: null,
        personal_data: false,
        owner_email: null,
        risk_tier: null,
        next_review_at: new Date('2027-05-01T00:00:00Z'),
      }),
    ];
    const table = await readXlsxTable(await exportOf(rows), { maxRows: 10, maxBytes: 1024 * 1024 });
    expect(table.sheetName).toBe('AI systems');
    expect(table.header.cells).toEqual(INVENTORY_COLUMNS.map((c) => c.header));
    const header = mapHeader(table.header);
    expect(header.ignored).toEqual(['Stage', 'Risk tier', 'Owner name', 'Current version', 'Last approved version', 'In stage since', 'Next review', 'Registered at', 'Updated at']);
    const { candidates, problems } = readRows(table, header);
    // the second system has no owner row any more: its email cell is empty, and says so
    expect(problems.map((p) => `${p.row} ${p.column} ${p.code}`)).toEqual(['3 accountableOwner required']);
    expect(candidates[0]).toEqual({
      row: 2,
      externalId: 'CMDB-1',
      systemId: rows[0].id,
      ownerEmail: 'olga@example.test',
      complete: true,
      registration: {
        name: 'CV screening',
        purpose: 'Ranks applications, then a recruiter decides',
        intendedUse: 'Shortlisting',
        businessUnit: 'People',
        dataSources: ['applicant tracking', 'CV uploads'],
        dataCategories: ['employment history'],
        personalData: true,
        specialCategoryData: false,
        modelType: 'gradient boosted trees',
        vendorType: 'third_party',
        vendorName: 'Acme, Inc.',
        deploymentContext: 'internal',
        affectedStakeholders: ['applicants'],
        autonomyLevel: 'human_in_the_loop',
      },
    });
    // a system registered through the API is named by its own id; a formula-like name stays text
    expect(candidates[1]).toMatchObject({
      externalId: rows[1].id,
      registration: { name: '=HYPERLINK("http://evil.example","x")', dataSources: ['one; with a semicolon'], dataCategories: [], vendorName: null, personalData: false },
    });
  });

  it('writes dates as dates, a Columns sheet, and no formula anywhere', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportOf([system(), system({ id: '3f1c2a55-0000-4000-8000-000000000003', external_id: 'CMDB-3' })])) as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet('AI systems')!;
    expect(sheet.getRow(2).getCell(INVENTORY_COLUMNS.findIndex((c) => c.key === 'stageEnteredAt') + 1).value).toEqual(new Date('2026-11-01T08:00:00Z'));
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    const columns = wb.getWorksheet('Columns')!;
    expect(columns.getRow(2).values).toEqual([undefined, 'External ID', 'read, required', expect.stringContaining('unique')]);
  });

  it('keeps characters XML cannot hold out of the file', async () => {
    const table = await readXlsxTable(await exportOf([system({ name: 'Bell\u0007name' }), system({ id: '3f1c2a55-0000-4000-8000-000000000004', external_id: 'x' })]), {
      maxRows: 10,
      maxBytes: 1024 * 1024,
    });
    expect(table.rows[0].cells[1]).toBe('Bell\ufffdname');
  });

  it('writes a list one item per line, and a single item with a semicolon with a final line break', () => {
    expect(listCell(['a', 'b'])).toBe('a\nb');
    expect(listCell(['a;b'])).toBe('a;b\n');
    expect(listCell([])).toBe('');
  });
});
