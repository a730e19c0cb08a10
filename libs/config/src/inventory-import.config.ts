/** How big an inventory import (CSV or XLSX) may be, and how long its commit waits for workflow starts. */
export interface InventoryImportLimits {
  /** IMPORT_MAX_ROWS: data rows in one file (the header row not counted) */
  maxRows: number;
  /** IMPORT_MAX_BYTES: the file's size as sent */
  maxBytes: number;
  /**
   * IMPORT_START_WAIT_SECONDS: how long a commit starts the new systems' workflows before it
   * answers; a larger import answers then and goes on starting them (its progress is readable)
   */
  startWaitMs: number;
}

/**
 * 5,000 rows is more than any one organisation's AI inventory onboarding file we have seen and
 * still one transaction of a few seconds (see the import's measured figures in the README); the
 * byte limit leaves room for 5,000 rows of long purposes (about 1 KiB each) in CSV. An XLSX
 * file is compressed, so it meets the row limit long before the byte limit.
 */
export const DEFAULT_INVENTORY_IMPORT_LIMITS: InventoryImportLimits = { maxRows: 5_000, maxBytes: 10 * 1024 * 1024, startWaitMs: 10_000 };

export function loadInventoryImportLimits(env: NodeJS.ProcessEnv, fail: (variable: string, reason: string) => never): InventoryImportLimits {
  const bound = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) fail(name, `must be an integer from ${min} to ${max}, got '${raw.slice(0, 40)}'`);
    return value;
  };
  return {
    // The ceilings keep one import one transaction a person can wait for (50,000 rows: about ten
    // times the measured default) and one file the API holds in memory without trouble.
    maxRows: bound('IMPORT_MAX_ROWS', DEFAULT_INVENTORY_IMPORT_LIMITS.maxRows, 1, 50_000),
    maxBytes: bound('IMPORT_MAX_BYTES', DEFAULT_INVENTORY_IMPORT_LIMITS.maxBytes, 1024, 100 * 1024 * 1024),
    // Imports of a few hundred systems start every workflow within the default; it stays well
    // under the 60 s a proxy usually allows an answer.
    startWaitMs: bound('IMPORT_START_WAIT_SECONDS', DEFAULT_INVENTORY_IMPORT_LIMITS.startWaitMs / 1000, 0, 50) * 1000,
  };
}
