import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadControlCatalog } from './control-catalog.loader';
import { loadEvidenceMap } from './evidence-map.loader';

const SHIPPED = join(__dirname, '../../../config/catalog');
const catalog = loadControlCatalog(SHIPPED);

function withMap(edit: (map: any) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-map-'));
  cpSync(SHIPPED, dir, { recursive: true });
  const file = join(dir, 'evidence-map.json');
  const map = JSON.parse(readFileSync(file, 'utf8'));
  edit(map);
  writeFileSync(file, JSON.stringify(map));
  return dir;
}

describe('evidence map loader', () => {
  it('loads the shipped map, every kind once, following the issue’s examples', () => {
    const map = loadEvidenceMap(SHIPPED, catalog);
    expect(map.revision).toBeGreaterThanOrEqual(1);
    const refs = (kind: string) => map.kinds.find((k) => k.kind === kind)!.controls.map((c) => `${c.framework} ${c.ref}`);
    expect(refs('impact_assessment')).toEqual(expect.arrayContaining(['iso42001 A.5.2', 'iso42001 A.5.5', 'eu_ai_act art-9', 'eu_ai_act art-27']));
    expect(refs('approval_round')).toEqual(['iso42001 A.3.2', 'iso27001 A.5.3']);
    expect(refs('deployment')).toEqual(['iso42001 A.6.2.5', 'iso42001 A.7.5', 'iso27001 A.8.32']);
    expect(refs('periodic_review')).toEqual(expect.arrayContaining(['iso42001 A.6.2.6', 'eu_ai_act art-72']));
    expect(refs('management_review')).toContain('clauses 9.3');
    expect(refs('internal_audit')).toContain('clauses 9.2');
    expect(refs('audit_chain')).toEqual(expect.arrayContaining(['iso42001 A.6.2.8', 'iso27001 A.8.15']));
    expect(refs('access_management')).toEqual(expect.arrayContaining(['iso27001 A.5.2', 'iso27001 A.5.18']));
  });

  it('names the file and the field of a ref the catalog does not have', () => {
    const dir = withMap((m) => (m.kinds[1].controls[0].ref = 'A.3.9'));
    expect(() => loadEvidenceMap(dir, catalog)).toThrow(`${join(dir, 'evidence-map.json')}: kinds[1].controls[0].ref: 'A.3.9' is not a control of iso42001`);
  });

  it('refuses a ref of the wrong framework (A.8.32 is 27001, not 42001)', () => {
    const dir = withMap((m) => (m.kinds[2].controls[2].framework = 'iso42001'));
    expect(() => loadEvidenceMap(dir, catalog)).toThrow("kinds[2].controls[2].ref: 'A.8.32' is not a control of iso42001");
  });

  it.each([
    ['an unknown kind', (m: any) => (m.kinds[0].kind = 'coffee_break'), 'kinds[0].kind: must be one of'],
    ['a kind mapped twice', (m: any) => (m.kinds[1].kind = m.kinds[0].kind), "kinds[1].kind: 'impact_assessment' is mapped by an earlier entry"],
    ['a bad duration', (m: any) => (m.kinds[3].freshness.grace = '30 days'), 'kinds[3].freshness.grace: must be an ISO-8601 duration'],
    ['an unknown freshness basis', (m: any) => (m.kinds[3].freshness = { basis: 'sometimes' }), 'kinds[3].freshness.basis: must be one of cadence, fixed, standing'],
    ['a fixed freshness without maxAge', (m: any) => (m.kinds[3].freshness = { basis: 'fixed' }), 'kinds[3].freshness.maxAge: is required'],
    ['a tier cadence on an organisation kind', (m: any) => (m.kinds.find((k: any) => k.kind === 'management_review').freshness.cadence = 'tier_review'), 'freshness.cadence: an organisation-wide kind has no risk tier'],
    ['a control listed twice', (m: any) => m.kinds[2].controls.push(m.kinds[2].controls[0]), 'kinds[2].controls[3]: iso42001 A.6.2.5 is listed twice'],
    ['a kind with no controls', (m: any) => (m.kinds[0].controls = []), 'kinds[0].controls: must not be empty'],
    ['an unknown PDCA origin', (m: any) => (m.kinds[4].openItemsAgainst = ['gossip']), 'kinds[4].openItemsAgainst[0]: must be one of'],
    ['an unknown field', (m: any) => (m.kinds[0].owner = 'x'), 'kinds[0].owner: is not a known field'],
    ['a missing revision', (m: any) => delete m.revision, 'revision: is required'],
    ['a ref spelt differently from the catalog', (m: any) => (m.kinds[0].controls[4].ref = 'ART-9'), "kinds[0].controls[4].ref: write 'art-9' as the catalog does"],
  ])('refuses %s with the field', (_name, edit, message) => {
    expect(() => loadEvidenceMap(withMap(edit), catalog)).toThrow(message);
  });

  it('names a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evidence-map-'));
    expect(() => loadEvidenceMap(dir, catalog)).toThrow(`evidence map ${join(dir, 'evidence-map.json')} cannot be read`);
  });
});
