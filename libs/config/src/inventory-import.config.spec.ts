import { ConfigError, loadAppConfig } from './app-config';
import { DEFAULT_INVENTORY_IMPORT_LIMITS } from './inventory-import.config';

const BASE = { DATABASE_URL: 'postgres://localhost/x', ADMIN_TOKEN: 'a'.repeat(32), ACTION_LINK_SECRET: 'b'.repeat(32) };

describe('inventory import limits', () => {
  it('default to 5,000 rows and 10 MiB, and a commit waits 10 s for workflow starts', () => {
    expect(loadAppConfig(BASE).inventoryImport).toEqual(DEFAULT_INVENTORY_IMPORT_LIMITS);
    expect(DEFAULT_INVENTORY_IMPORT_LIMITS).toEqual({ maxRows: 5_000, maxBytes: 10_485_760, startWaitMs: 10_000 });
  });

  it('are read from IMPORT_MAX_ROWS, IMPORT_MAX_BYTES and IMPORT_START_WAIT_SECONDS', () => {
    expect(loadAppConfig({ ...BASE, IMPORT_MAX_ROWS: '20000', IMPORT_MAX_BYTES: '52428800', IMPORT_START_WAIT_SECONDS: '0' }).inventoryImport).toEqual({
      maxRows: 20_000,
      maxBytes: 52_428_800,
      startWaitMs: 0,
    });
  });

  it.each([
    ['IMPORT_MAX_ROWS', '0'],
    ['IMPORT_MAX_ROWS', '50001'],
    ['IMPORT_MAX_ROWS', 'many'],
    ['IMPORT_MAX_BYTES', '1023'],
    ['IMPORT_MAX_BYTES', String(100 * 1024 * 1024 + 1)],
    ['IMPORT_START_WAIT_SECONDS', '51'],
    ['IMPORT_START_WAIT_SECONDS', '-1'],
  ])('refuse %s=%s, naming the variable', (name, value) => {
    expect(() => loadAppConfig({ ...BASE, [name]: value })).toThrow(ConfigError);
    expect(() => loadAppConfig({ ...BASE, [name]: value })).toThrow(name);
  });
});
