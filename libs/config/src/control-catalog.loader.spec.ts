import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAppConfig } from './app-config';
import { loadControlCatalog } from './control-catalog.loader';

const SHIPPED = join(__dirname, '../../../config/catalog');

/** A temporary copy of the shipped catalog directory. */
function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
  cpSync(SHIPPED, dir, { recursive: true });
  return dir;
}

describe('control catalog loader', () => {
  it('loads the catalog shipped in the repository', () => {
    const index = loadControlCatalog(SHIPPED);
    expect(index.search('iso42001')).toHaveLength(38);
    expect(index.search('iso27001')).toHaveLength(93);
  });

  it('takes the directory from CONTROL_CATALOG_DIR, defaulting to config/catalog', () => {
    const base = { DATABASE_URL: 'postgres://localhost/x' };
    expect(loadAppConfig(base).controlCatalogDir).toBe('config/catalog');
    expect(loadAppConfig({ ...base, CONTROL_CATALOG_DIR: ' /srv/catalog ' }).controlCatalogDir).toBe('/srv/catalog');
  });

  it('names the file and the field of a mistake', () => {
    const dir = copy();
    const file = join(dir, 'iso27001.json');
    const catalog = JSON.parse(readFileSync(file, 'utf8'));
    catalog.controls[3].ref = 'A.5.1';
    writeFileSync(file, JSON.stringify(catalog));
    expect(() => loadControlCatalog(dir)).toThrow(`${file}: controls[3].ref: 'A.5.1' is used by an earlier control`);
  });

  it('names a file that is missing or not JSON', () => {
    const dir = copy();
    writeFileSync(join(dir, 'crosswalk.json'), '{ "mappings": [');
    expect(() => loadControlCatalog(dir)).toThrow(/crosswalk\.json is not valid JSON/);
    expect(() => loadControlCatalog(join(dir, 'nowhere'))).toThrow(/nowhere\/iso42001\.json cannot be read/);
  });
});
