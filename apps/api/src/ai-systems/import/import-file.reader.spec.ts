import * as ExcelJS from 'exceljs';
import { importFormatOf, readCsvTable, readImportFile, XLSX_MEDIA_TYPE } from './import-file.reader';
import { ImportFileError } from './import-table';

const LIMITS = { maxRows: 3, maxBytes: 64 * 1024 };

async function refusal(run: () => Promise<unknown> | unknown): Promise<ImportFileError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('expected an ImportFileError');
}

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('reading an import file', () => {
  it('reads CSV with and without a byte order mark, the header first, rows numbered as a spreadsheet shows them', async () => {
    const csv = 'External ID,Name\r\n\r\nA-1,"Chat, bot"\r\nA-2,"two\nlines"\r\nA-3,x\r\n';
    for (const bytes of [Buffer.from(csv), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)])]) {
      const table = await readImportFile(bytes, 'csv', LIMITS);
      expect(table.header).toEqual({ row: 1, cells: ['External ID', 'Name'] });
      expect(table.rows).toEqual([
        { row: 3, cells: ['A-1', 'Chat, bot'] },
        { row: 4, cells: ['A-2', 'two\nlines'] },
        { row: 5, cells: ['A-3', 'x'] },
      ]);
    }
  });

  it('refuses an empty file, a file of blanks and a header without rows', async () => {
    expect(await refusal(() => readImportFile(Buffer.alloc(0), 'csv', LIMITS))).toMatchObject({ status: 422, field: 'file', message: 'the file is empty' });
    expect(await refusal(() => readImportFile(Buffer.from('\r\n , \r\n'), 'csv', LIMITS))).toMatchObject({ status: 422, field: 'file' });
    expect((await refusal(() => readImportFile(Buffer.from('External ID,Name\r\n'), 'csv', LIMITS))).message).toBe('the file has a header row but no rows of AI systems');
  });

  it('refuses malformed CSV naming the row and column', async () => {
    const error = await refusal(() => readImportFile(Buffer.from('External ID,Name\r\nA-1,"unterminated\r\nA-2,x\r\n'), 'csv', LIMITS));
    expect(error).toMatchObject({ status: 422, field: 'file' });
    expect(error.message).toBe('the file is not valid CSV: row 2, column B: a quoted field is never closed (an opening " has no closing ")');
  });

  it('refuses text that is not UTF-8, naming the line, and UTF-16', async () => {
    const latin1 = Buffer.concat([Buffer.from('External ID,Name\r\nA-1,Caf'), Buffer.from([0xe9]), Buffer.from('\r\n')]);
    expect((await refusal(() => readCsvTable(latin1, 10))).message).toMatch(/^the file is not UTF-8 text \(line 2 has bytes that are not UTF-8\)/);
    expect((await refusal(() => readCsvTable(Buffer.from('\ufeffExternal ID', 'utf16le'), 10))).message).toMatch(/UTF-16/);
  });

  it('refuses more rows than the limit, saying how many there are', async () => {
    const csv = `External ID\r\n${['a', 'b', 'c', 'd', 'e'].join('\r\n')}`;
    expect(await refusal(() => readImportFile(Buffer.from(csv), 'csv', LIMITS))).toMatchObject({
      status: 422,
      field: 'file',
      message: 'the file has 5 data rows; one import takes at most 3 (IMPORT_MAX_ROWS): split it into several files',
    });
  });

  it('refuses a file over the byte limit with 413', async () => {
    expect(await refusal(() => readImportFile(Buffer.alloc(LIMITS.maxBytes + 1, 0x41), 'csv', LIMITS))).toMatchObject({ status: 413, field: 'file' });
  });

  it('reads the sheet named like "AI systems" (else the first), with the numbers the sheet shows and formulas by their values', async () => {
    const bytes = await workbook((wb) => {
      wb.addWorksheet('Notes').addRow(['not this one']);
      const sheet = wb.addWorksheet('ai_systems');
      sheet.getCell('A3').value = 'External ID';
      sheet.getCell('B3').value = 'Personal data';
      sheet.getCell('C3').value = 'Name';
      sheet.getCell('A4').value = 1234;
      sheet.getCell('B4').value = true;
      sheet.getCell('C4').value = { richText: [{ text: 'Rich ' }, { text: 'text' }] };
      sheet.getCell('A6').value = { formula: 'CONCAT("A-","2")', result: 'A-2' };
      sheet.getCell('C6').value = { text: 'Linked', hyperlink: 'https://example.test' };
      sheet.getCell('A7').value = 'A-3';
      sheet.getCell('C7').value = { formula: 'NOW()' };
    });
    const table = await readImportFile(bytes, 'xlsx', LIMITS);
    expect(table.sheetName).toBe('ai_systems');
    expect(table.header).toEqual({ row: 3, cells: ['External ID', 'Personal data', 'Name'] });
    expect(table.rows).toEqual([
      { row: 4, cells: ['1234', 'true', 'Rich text'] },
      { row: 6, cells: ['A-2', '', 'Linked'] },
      { row: 7, cells: ['A-3', '', ''] },
    ]);
    expect(table.cellProblems).toEqual([
      { row: 7, column: 'C', code: 'unreadable_cell', message: 'the cell holds a formula without a computed value; paste the values instead' },
    ]);
  });

  it('refuses bytes that are not a workbook, an old .xls, a damaged ZIP and an empty sheet', async () => {
    expect((await refusal(() => readImportFile(Buffer.from('External ID\r\nA-1\r\n'), 'xlsx', LIMITS))).message).toMatch(/not an XLSX workbook/);
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect((await refusal(() => readImportFile(xls, 'xlsx', LIMITS))).message).toMatch(/Excel 97-2003 \(\.xls\)/);
    const good = await workbook((wb) => wb.addWorksheet('AI systems').addRow(['External ID']));
    const truncated = good.subarray(0, Math.floor(good.length / 2));
    expect(await refusal(() => readImportFile(truncated, 'xlsx', LIMITS))).toMatchObject({ status: 422, field: 'file' });
    const empty = await workbook((wb) => wb.addWorksheet('AI systems'));
    expect((await refusal(() => readImportFile(empty, 'xlsx', LIMITS))).message).toBe('the worksheet "AI systems" is empty: it needs a header row and one row per AI system');
    expect((await refusal(() => readImportFile(good, 'csv', LIMITS))).message).toMatch(/is an XLSX workbook, not CSV/);
  });

  it('refuses a workbook whose parts declare more than the limits before inflating anything', async () => {
    const bytes = await workbook((wb) => wb.addWorksheet('AI systems').addRow(['External ID']));
    // Rewrite the first central directory entry's uncompressed size to 2 GB: a zip bomb's declaration.
    const bomb = Buffer.from(bytes);
    const eocd = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    bomb.writeUInt32LE(2_000_000_000, bomb.readUInt32LE(eocd + 16) + 24);
    expect(await refusal(() => readImportFile(bomb, 'xlsx', LIMITS))).toMatchObject({ status: 413, field: 'file' });
  });

  it('takes the format from the media type, and from the bytes where the type is ambiguous', async () => {
    const xlsx = await workbook((wb) => wb.addWorksheet('x').addRow(['a']));
    expect(importFormatOf(XLSX_MEDIA_TYPE, Buffer.from('a'))).toBe('xlsx');
    expect(importFormatOf('text/csv; charset=utf-8', xlsx)).toBe('csv');
    expect(importFormatOf('application/octet-stream', xlsx)).toBe('xlsx');
    expect(importFormatOf('application/vnd.ms-excel', Buffer.from('External ID\r\n'))).toBe('csv');
  });
});
