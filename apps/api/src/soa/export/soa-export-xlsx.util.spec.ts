import * as ExcelJS from 'exceljs';
import { buildSoaXlsx, SOA_XLSX_COLUMNS } from './soa-export-xlsx.util';
import { soaExportFixture } from './soa-export.fixture';

describe('buildSoaXlsx', () => {
  it('writes a sheet per Annex with a frozen header and a Version sheet with the hash; formula-like text stays text', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildSoaXlsx(soaExportFixture())) as unknown as ExcelJS.Buffer); // exceljs types its Buffer as an ArrayBuffer
    expect(wb.worksheets.map((s) => s.name)).toEqual(['ISO-IEC 42001 Annex A', 'ISO-IEC 27001 Annex A', 'Version']);
    const sheet = wb.getWorksheet('ISO-IEC 42001 Annex A')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(SOA_XLSX_COLUMNS.map((c) => c.header));
    expect(sheet.getColumn(4).width).toBe(60);
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(3).getCell(4).value).toBe('=HYPERLINK("http://evil.test","x")');
    expect(sheet.getRow(3).getCell(4).type).toBe(ExcelJS.ValueType.String);
    const about = wb.getWorksheet('Version')!;
    const values = Object.fromEntries(about.getRows(2, about.rowCount - 1)!.map((r) => [r.getCell(1).value, r.getCell(2).value]));
    expect(values).toMatchObject({ Organisation: 'Acme Health & Care', Scope: expect.stringContaining('Clinical decision-support AI'), Version: '3', Status: 'published', 'Document SHA-256': 'ab'.repeat(32), Approvers: 'Ann Approver <ann@example.test>' });
  });

  it('makes the same workbook for the same version', async () => {
    const [a, b] = await Promise.all([buildSoaXlsx(soaExportFixture()), buildSoaXlsx(soaExportFixture())]);
    expect(a.equals(b)).toBe(true);
  });
});
