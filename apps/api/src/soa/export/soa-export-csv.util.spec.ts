import { parse } from 'csv-parse/sync';
import { buildSoaCsv, csvField, SOA_CSV_COLUMNS } from './soa-export-csv.util';
import { soaExportFixture } from './soa-export.fixture';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r\nlf', '"cr\r\nlf"'],
    [' edge ', '" edge "'],
    ['', ''],
  ])('quotes %j as RFC 4180 wants', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it.each([
    ['=1+2', "'=1+2"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['=HYPERLINK("http://evil.test","x")', '"\'=HYPERLINK(""http://evil.test"",""x"")"'],
    ['a=b', 'a=b'],
  ])('keeps %j from being read as a formula', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('writes null and undefined as empty fields', () => {
    expect([csvField(null), csvField(undefined), csvField(3), csvField(false)]).toEqual(['', '', '3', 'false']);
  });
});

describe('buildSoaCsv', () => {
  it('is one table with a header and a row per control, CRLF line ends, every row naming the version and its hash', () => {
    const data = soaExportFixture();
    const text = buildSoaCsv(data);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')[0]).toBe(SOA_CSV_COLUMNS.join(','));
    const records: Record<string, string>[] = parse(text, { columns: true });
    expect(records).toHaveLength(data.rows.length);
    expect(records[0]).toEqual({
      organisation: 'Acme Health & Care',
      soa_version: '3',
      soa_status: 'published',
      approved_at: '2026-11-02T09:30:00.000Z',
      approvers: 'Ann Approver <ann@example.test>',
      document_sha256: 'ab'.repeat(32),
      framework: 'iso42001',
      ref: 'A.2.2',
      title: 'AI policy',
      applicability: 'applicable',
      justification: 'We develop AI, "in house", too',
      implementation_status: 'implemented',
      owner: 'Otto Owner',
      owner_email: 'otto@example.test',
      risks: 'R-1; R-2',
      evidence_notes: 'policy v2\non the intranet',
    });
    expect(records[1]).toMatchObject({ ref: 'A.10.4', applicability: 'excluded', justification: `'=HYPERLINK("http://evil.test","x")`, owner: '' });
    expect(records[2]).toMatchObject({ justification: "'+1 treats R-3", risks: "'-R3", evidence_notes: "'@SUM(A1)" });
  });

  it('marks a draft DRAFT and gives it no hash', () => {
    const records: Record<string, string>[] = parse(buildSoaCsv(soaExportFixture({ draft: true, status: 'draft', publishedAt: null, approvers: [], sha256: null })), { columns: true });
    expect(records[0]).toMatchObject({ soa_version: '3 DRAFT', soa_status: 'DRAFT', approved_at: '', approvers: '', document_sha256: '' });
  });

  it('lists an undecided control of a draft as undecided', () => {
    const data = soaExportFixture({ draft: true, status: 'draft', sha256: null });
    data.rows[3] = { ...data.rows[3], decided: false, applicable: null, justification: null, implementationStatus: null };
    const records: Record<string, string>[] = parse(buildSoaCsv(data), { columns: true });
    expect(records[3]).toMatchObject({ applicability: 'undecided', justification: '', implementation_status: '' });
  });
});
