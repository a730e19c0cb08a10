import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ControlCatalogIndex } from './control-catalog.index';
import { parseControlLibrary } from './control-catalog.parser';
import { CATALOG_FILES, CROSSWALK_FILE } from './control-catalog.types';

const DIR = resolve(__dirname, '../../../../config/catalog');
const index = new ControlCatalogIndex(
  parseControlLibrary(Object.fromEntries([...Object.values(CATALOG_FILES), CROSSWALK_FILE].map((f) => [f, JSON.parse(readFileSync(join(DIR, f), 'utf8'))]))),
);

describe('control catalog index', () => {
  it('tells A.5.2 of 42001 from A.5.2 of 27001', () => {
    const ai = index.find('iso42001', 'A.5.2')!;
    const sec = index.find('iso27001', 'a.5.2')!;
    expect(ai.group).toBe('A.5');
    expect(sec.group).toBe('A.5');
    expect(ai.title).not.toBe(sec.title);
  });

  it('lists a 42001 control with its links out, and a 27001 control with the 42001 controls linking in', () => {
    const links = index.mappings(index.find('iso42001', 'A.6.2.6')!);
    expect(links.some((l) => l.framework === 'iso27001' && l.ref === 'A.8.16')).toBe(true);
    expect(links.some((l) => l.framework === 'eu_ai_act' && l.ref === 'art-72' && l.basis === 'title-evident')).toBe(true);
    const back = index.mappings(index.find('iso27001', 'A.8.16')!);
    expect(back.some((l) => l.framework === 'iso42001' && l.ref === 'A.6.2.6')).toBe(true);
    expect(back.find((l) => l.ref === 'A.6.2.6')?.basis).toBe(links.find((l) => l.ref === 'A.8.16')?.basis);
  });

  it('searches ref, title and summary without regard to case', () => {
    expect(index.search('iso42001', 'A.7.').map((c) => c.ref)).toEqual(['A.7.2', 'A.7.3', 'A.7.4', 'A.7.5', 'A.7.6']);
    expect(index.search('iso27001', 'CRYPTOGRAPHY').map((c) => c.ref)).toContain('A.8.24');
    expect(index.search(undefined, 'logging').length).toBeGreaterThan(2);
    expect(index.search('clauses', 'no such words')).toEqual([]);
  });

  it('finds nothing for a ref in the wrong framework', () => {
    expect(index.find('iso42001', 'A.8.34')).toBeUndefined();
    expect(index.find('eu_ai_act', '72')).toBeUndefined();
  });
});
