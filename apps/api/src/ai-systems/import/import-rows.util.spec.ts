import { ImportFileError, describeProblem } from './import-table';
import { mapHeader, readRows, splitList } from './import-rows.util';
import { IMPORT_HEADERS, importRow, importTable } from './import-test-rows.fixture';

const headerOf = (cells: string[]) => ({ row: 1, cells });

function headerRefusal(cells: string[]): ImportFileError {
  try {
    mapHeader(headerOf(cells));
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('expected the header to be refused');
}

const read = (rows: Array<Record<string, string>>, headers?: string[]) => {
  const table = importTable(rows, headers);
  return readRows(table, mapHeader(table.header));
};

describe('the header row', () => {
  it('matches columns whatever their case, spaces, underscores or hyphens', () => {
    const spellings = ['external_id', 'NAME', 'purpose', 'intended-use', 'Accountable Owner', 'business unit', 'dataSources', 'data categories', 'personal_data',
      'Special Category Data', 'model type', 'VENDOR TYPE', 'vendor name', 'deployment_context', 'affected stakeholders', 'autonomyLevel'];
    const header = mapHeader(headerOf(spellings));
    expect(header.columns.map((c) => c?.key)).toEqual([
      'externalId', 'name', 'purpose', 'intendedUse', 'accountableOwner', 'businessUnit', 'dataSources', 'dataCategories', 'personalData',
      'specialCategoryData', 'modelType', 'vendorType', 'vendorName', 'deploymentContext', 'affectedStakeholders', 'autonomyLevel',
    ]);
  });

  it('accepts the export’s other columns and says it ignores them; an empty header cell is no column', () => {
    const header = mapHeader(headerOf([...IMPORT_HEADERS, 'System ID', 'Stage', 'Risk tier', 'Next review', '']));
    expect(header.ignored).toEqual(['Stage', 'Risk tier', 'Next review']);
    expect(header.columns.at(-1)).toBeNull();
  });

  it('refuses unknown, missing and repeated columns, naming every one', () => {
    const error = headerRefusal(['External ID', 'Name', 'Colour', 'name', ...IMPORT_HEADERS.slice(2).filter((h) => h !== 'Accountable owner email' && h !== 'Autonomy level')]);
    expect(error).toMatchObject({ status: 422, field: 'columns' });
    expect(error.message).toContain('missing required columns: accountableOwner ("Accountable owner email"), autonomyLevel ("Autonomy level")');
    expect(error.message).toContain('unknown column: "Colour" (column C)');
    expect(error.message).toContain('repeated column: "name" (column D) repeats column B');
  });
});

describe('reading rows', () => {
  it('reads a valid row: text trimmed, lists by line or semicolon, yes/no, choices in any spelling', () => {
    const { candidates, problems } = read([importRow({ name: '  Claims triage  ', accountableOwner: ' Olga@Example.TEST ', vendorType: 'Third-Party', vendorName: 'Acme' })]);
    expect(problems).toEqual([]);
    expect(candidates).toEqual([
      {
        row: 2,
        externalId: 'CMDB-1',
        systemId: null,
        ownerEmail: 'olga@example.test',
        complete: true,
        registration: {
          name: 'Claims triage',
          purpose: 'Sort incoming claims by urgency',
          intendedUse: 'Internal triage; a person decides every claim',
          businessUnit: 'Claims',
          dataSources: ['claims system', 'call notes'],
          dataCategories: ['contact data'],
          personalData: true,
          specialCategoryData: false,
          modelType: 'gradient boosted trees',
          vendorType: 'third_party',
          vendorName: 'Acme',
          deploymentContext: 'internal tool',
          affectedStakeholders: ['customers', 'claims handlers'],
          autonomyLevel: 'human_in_the_loop',
        },
      },
    ]);
  });

  it('reports every problem of every row by row and column', () => {
    const { problems, candidates } = read([
      importRow({ externalId: 'A' }),
      importRow({ externalId: '', name: '', personalData: 'maybe', vendorType: 'friend', accountableOwner: 'not-an-email' }),
      importRow({ externalId: 'C', vendorType: 'third_party', vendorName: ' ', purpose: 'x'.repeat(2001), autonomyLevel: 'robot' }),
      importRow({ externalId: 'D', dataSources: Array.from({ length: 51 }, (_, i) => `s${i}`).join(';'), affectedStakeholders: `ok\n${'y'.repeat(201)}` }),
    ]);
    expect(problems.map(describeProblem)).toEqual([
      'row 3, externalId: is required: every row names its system by an external id',
      'row 3, name: is required',
      'row 3, accountableOwner: is not an email address: "not-an-email"',
      'row 3, personalData: must be true or false (yes/no and 1/0 also work), not "maybe"',
      'row 3, vendorType: must be one of in_house, third_party, not "friend"',
      'row 4, purpose: must be at most 2000 characters (has 2001)',
      'row 4, autonomyLevel: must be one of human_in_the_loop, human_on_the_loop, fully_automated, not "robot"',
      'row 4, vendorName: is required for a third-party system',
      'row 5, dataSources: has 51 items; at most 50',
      `row 5, affectedStakeholders: item "${'y'.repeat(57)}..." is longer than 200 characters`,
    ].sort(byRow));
    expect(candidates.map((c) => c.complete)).toEqual([true, false, false, false]);
  });

  it('marks every row of an external id given twice', () => {
    const { problems } = read([importRow({ externalId: 'A' }), importRow({ externalId: 'B' }), importRow({ externalId: 'A' }), importRow({ externalId: 'A' })]);
    expect(problems.map(describeProblem)).toEqual([
      'row 2, externalId: "A" is also on rows 4, 5; each system has one row',
      'row 4, externalId: "A" is also on rows 2, 5; each system has one row',
      'row 5, externalId: "A" is also on rows 2, 4; each system has one row',
    ]);
  });

  it('reports a value under a column without a header, and text that cannot be stored', () => {
    const table = importTable([importRow({ name: 'Bad\u0000name' })]);
    table.header.cells.push('');
    table.rows[0].cells.push('', 'stray');
    const { problems } = readRows(table, mapHeader(table.header));
    expect(problems.map(describeProblem)).toEqual([
      'row 2, name: contains characters that cannot be stored (NUL or an unpaired surrogate)',
      'row 2, R: a value in column R, which has no header',
    ]);
  });

  it('reads a System ID when the file has the export’s column', () => {
    const id = '3F1C2A55-0000-4000-8000-000000000001';
    const { candidates, problems } = read([{ ...importRow(), id }, { ...importRow({ externalId: 'X' }), id: '42' }], [...IMPORT_HEADERS, 'System ID']);
    expect(candidates[0].systemId).toBe(id.toLowerCase());
    expect(problems.map(describeProblem)).toEqual(['row 3, id: is not a system id (a UUID, as the export writes it): "42"']);
  });

  it('takes a file without the vendor name column', () => {
    const headers = IMPORT_HEADERS.filter((h) => h !== 'Vendor name');
    const { candidates, problems } = read([importRow()], headers);
    expect(problems).toEqual([]);
    expect(candidates[0].registration.vendorName).toBeNull();
  });
});

describe('list cells', () => {
  it('split at line breaks when there are any, else at semicolons; items trimmed, empty ones dropped', () => {
    expect(splitList('a; b ;;c')).toEqual(['a', 'b', 'c']);
    expect(splitList('a;b\r\nc')).toEqual(['a;b', 'c']);
    expect(splitList('one;item\n')).toEqual(['one;item']);
    expect(splitList('  ')).toEqual([]);
  });
});

function byRow(a: string, b: string): number {
  return Number(/^row (\d+)/.exec(a)![1]) - Number(/^row (\d+)/.exec(b)![1]);
}
