import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseControlCatalog, parseControlLibrary } from './control-catalog.parser';
import { CATALOG_FILES, CATALOG_FRAMEWORKS, CatalogValidationError, CROSSWALK_FILE } from './control-catalog.types';

const DIR = resolve(__dirname, '../../../../config/catalog');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
/** Fresh parsed copies of the committed files, by file name. */
const committed = (): Record<string, Json> =>
  Object.fromEntries([...Object.values(CATALOG_FILES), CROSSWALK_FILE].map((f) => [f, JSON.parse(readFileSync(join(DIR, f), 'utf8'))]));

/** Applies a change to fresh copies of the committed files and returns the error it causes. */
function problem(change: (files: Record<string, Json>) => void): CatalogValidationError {
  const files = committed();
  change(files);
  try {
    parseControlLibrary(files);
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogValidationError);
    return error as CatalogValidationError;
  }
  throw new Error('expected the catalog to be refused');
}

describe('control catalog files (config/catalog)', () => {
  const library = parseControlLibrary(committed());
  const { iso42001, iso27001, clauses, eu_ai_act } = library.catalogs;

  it('has the 38 ISO/IEC 42001 Annex A controls in 9 objective groups', () => {
    expect(iso42001.controls).toHaveLength(38);
    expect(iso42001.groups.map((g) => g.id)).toEqual(['A.2', 'A.3', 'A.4', 'A.5', 'A.6', 'A.7', 'A.8', 'A.9', 'A.10']);
    expect(iso42001.controls[0].ref).toBe('A.2.2');
    expect(iso42001.controls[37].ref).toBe('A.10.4');
    expect(iso42001.controls.filter((c) => c.group === 'A.6')).toHaveLength(9);
    expect(iso42001.version).toBe('2023');
  });

  it('has the 93 ISO/IEC 27001 Annex A controls in 4 themes (37, 8, 14, 34)', () => {
    expect(iso27001.controls).toHaveLength(93);
    expect(iso27001.groups.map((g) => [g.id, iso27001.controls.filter((c) => c.group === g.id).length])).toEqual([
      ['A.5', 37],
      ['A.6', 8],
      ['A.7', 14],
      ['A.8', 34],
    ]);
    expect(iso27001.controls[92].ref).toBe('A.8.34');
    expect(iso27001.controls.filter((c) => c.newIn2022)).toHaveLength(11);
    expect(iso27001.version).toBe('2022');
  });

  it('has clauses 4-10 with their sub-clauses, 6.1.4 and 8.4 marked 42001-only', () => {
    expect(clauses.groups.map((g) => g.id)).toEqual(['4', '5', '6', '7', '8', '9', '10']);
    expect(clauses.controls.filter((c) => c.parent === null).map((c) => c.ref)).toEqual(['4', '5', '6', '7', '8', '9', '10']);
    expect(clauses.controls.filter((c) => !c.appliesTo!.includes('iso27001')).map((c) => c.ref)).toEqual(['6.1.4', '8.4']);
    expect(clauses.controls.find((c) => c.ref === '9.3.2')?.parent).toBe('9.3');
  });

  it('has the EU AI Act articles the product touches, as art-N, with who they bind', () => {
    const refs = eu_ai_act.controls.map((c) => c.ref);
    for (const n of [9, 10, 12, 13, 14, 17, 26, 27, 72, 73]) expect(refs).toContain(`art-${n}`);
    expect(eu_ai_act.version).toBe('2024/1689');
    expect(eu_ai_act.controls.find((c) => c.ref === 'art-26')?.binds).toEqual(['deployer']);
    expect(eu_ai_act.controls.find((c) => c.ref === 'art-72')?.binds).toEqual(['provider']);
  });

  it('links every 42001 control at least once, and every link resolves', () => {
    expect(library.crosswalk.mappings.map((m) => m.ref)).toEqual(iso42001.controls.map((c) => c.ref));
    expect(library.crosswalk.mappings.every((m) => m.links.length > 0)).toBe(true);
  });

  it('gives every catalog a framework, version and revision', () => {
    for (const framework of CATALOG_FRAMEWORKS) {
      const catalog = library.catalogs[framework];
      expect(catalog.framework).toBe(framework);
      expect(catalog.version).toBeTruthy();
      expect(catalog.revision).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('control catalog validation refuses mistakes, naming file and field', () => {
  it.each<[string, (f: Record<string, Json>) => void, string, string, RegExp]>([
    ['a duplicate ref', (f) => (f['iso42001.json'].controls[1].ref = 'A.2.2'), 'iso42001.json', 'controls[1].ref', /earlier control/],
    ['an unknown framework', (f) => (f['iso27001.json'].framework = 'iso27002'), 'iso27001.json', 'framework', /must be one of iso42001, iso27001, clauses, eu_ai_act/],
    ['a framework in the wrong file', (f) => (f['iso27001.json'].framework = 'iso42001'), 'iso27001.json', 'framework', /must be 'iso27001'/],
    ['a missing title', (f) => delete f['iso27001.json'].controls[4].title, 'iso27001.json', 'controls[4].title', /is required/],
    ['a missing version', (f) => delete f['clauses.json'].version, 'clauses.json', 'version', /is required/],
    ['a bad revision', (f) => (f['eu-ai-act.json'].revision = 0), 'eu-ai-act.json', 'revision', /at least 1/],
    ['an unknown group', (f) => (f['iso42001.json'].controls[0].group = 'A.11'), 'iso42001.json', 'controls[0].group', /not one of the file's groups/],
    ['a control in the wrong group', (f) => (f['iso27001.json'].controls[0].group = 'A.6'), 'iso27001.json', 'controls[0].group', /must start with 'A.6.'/],
    ['a ref of the wrong form', (f) => (f['eu-ai-act.json'].controls[0].ref = 'Art. 4'), 'eu-ai-act.json', 'controls[0].ref', /form: art-72/],
    ['an unknown field (typo)', (f) => (f['iso42001.json'].controls[3].sumary = 'x'), 'iso42001.json', 'controls[3].sumary', /not a known field/],
    ['a binds role that does not exist', (f) => (f['eu-ai-act.json'].controls[0].binds = ['importer']), 'eu-ai-act.json', 'controls[0].binds[0]', /provider, deployer/],
    ['a clause whose parent is unknown', (f) => (f['clauses.json'].controls[1].parent = '11'), 'clauses.json', 'controls[1].parent', /earlier clause/],
    ['a crosswalk link to a missing control', (f) => (f['crosswalk.json'].mappings[0].links[0].ref = 'A.5.99'), 'crosswalk.json', 'mappings[0].links[0].ref', /'A.5.99' is not a control in iso27001.json/],
    ['a crosswalk link to an unknown framework', (f) => (f['crosswalk.json'].mappings[2].links[0].framework = 'nist_rmf'), 'crosswalk.json', 'mappings[2].links[0].framework', /must be one of iso27001, clauses, eu_ai_act/],
    ['a crosswalk link without a basis', (f) => delete f['crosswalk.json'].mappings[0].links[1].basis, 'crosswalk.json', 'mappings[0].links[1].basis', /is required/],
    ['a crosswalk basis that is not a tag', (f) => (f['crosswalk.json'].mappings[0].links[1].basis = 'obvious'), 'crosswalk.json', 'mappings[0].links[1].basis', /source-stated, title-evident, own-reasoning/],
    ['a mapping from an unknown 42001 control', (f) => (f['crosswalk.json'].mappings[0].ref = 'A.2.9'), 'crosswalk.json', 'mappings[0].ref', /not a control in iso42001.json/],
    ['a 42001 control left without links', (f) => f['crosswalk.json'].mappings.pop(), 'crosswalk.json', 'mappings', /'A.10.4' has no links/],
    ['a crosswalk written against another edition', (f) => (f['iso27001.json'].version = '2013'), 'crosswalk.json', 'catalogs.iso27001', /version "2022"/],
    ['a missing file', (f) => delete f['clauses.json'], 'clauses.json', '', /missing/],
  ])('%s', (_name, change, file, field, reason) => {
    const error = problem(change);
    expect([error.file, error.field]).toEqual([file, field]);
    expect(error.reason).toMatch(reason);
    expect(error.message).toContain(file);
  });

  it('refuses a file that is not an object', () => {
    expect(() => parseControlCatalog([], 'iso42001.json')).toThrow(/iso42001.json: \(root\): must be an object/);
  });
});
