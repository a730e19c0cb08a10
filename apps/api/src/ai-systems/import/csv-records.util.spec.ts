import { CsvSyntaxError, detectDelimiter, parseCsvRecords } from './csv-records.util';

describe('CSV records (RFC 4180)', () => {
  it('splits fields and records, CRLF, LF or CR, and keeps a final empty field', () => {
    expect(parseCsvRecords('a,b,c\r\n1,2,3\n4,5,\r6,,')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '5', ''],
      ['6', '', ''],
    ]);
  });

  it('does not make a record of the final line break', () => {
    expect(parseCsvRecords('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('takes delimiters, line breaks and doubled quotes inside quoted fields, and numbers records as spreadsheet rows', () => {
    const records = parseCsvRecords('id,text\r\n1,"one, two"\r\n2,"line one\r\nline ""two"""\r\n3,"""quoted"""\r\n4,""');
    expect(records).toEqual([
      ['id', 'text'],
      ['1', 'one, two'],
      ['2', 'line one\r\nline "two"'],
      ['3', '"quoted"'],
      ['4', ''],
    ]);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(parseCsvRecords('a,b\n5" screen,x')).toEqual([
      ['a', 'b'],
      ['5" screen', 'x'],
    ]);
  });

  it('names the row and column of a quoted field that is never closed', () => {
    const csv = 'a,b,c\r\n1,2,3\r\n4,"multi\r\nline,6\r\n7,8,9\r\n';
    expect(() => parseCsvRecords(csv)).toThrow(CsvSyntaxError);
    try {
      parseCsvRecords(csv);
    } catch (error) {
      expect(error).toMatchObject({ row: 3, column: 1, message: 'row 3, column B: a quoted field is never closed (an opening " has no closing ")' });
    }
  });

  it('refuses text after a closing quote, naming where', () => {
    expect(() => parseCsvRecords('a,b\r\n1,"two"x\r\n')).toThrow('row 2, column B: text after the closing quote of a quoted field');
  });

  it('reads semicolon- and tab-separated files', () => {
    expect(detectDelimiter('External ID;Name;Purpose\r\nx;y;z')).toBe(';');
    expect(detectDelimiter('External ID\tName\r\n')).toBe('\t');
    expect(detectDelimiter('"a;b",c\r\n')).toBe(',');
    expect(detectDelimiter('"only;quoted"')).toBe(',');
    expect(parseCsvRecords('a;"b;c"\n1;2', ';')).toEqual([
      ['a', 'b;c'],
      ['1', '2'],
    ]);
  });

  it('reads a 10 MB file of long quoted fields', () => {
    const line = `ext-1,"A name, with a comma","${'long text '.repeat(80)}",owner@example.test\r\n`;
    const csv = `externalId,name,purpose,accountableOwner\r\n${line.repeat(Math.ceil(10_000_000 / line.length))}`;
    const records = parseCsvRecords(csv);
    expect(records.length).toBeGreaterThan(10_000);
    expect(records[1]).toHaveLength(4);
  });
});
