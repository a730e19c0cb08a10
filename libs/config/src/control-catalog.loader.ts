import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ControlCatalogIndex } from '@aigov/domain/catalog/control-catalog.index';
import { parseControlLibrary } from '@aigov/domain/catalog/control-catalog.parser';
import { CATALOG_FILES, CatalogValidationError, CROSSWALK_FILE } from '@aigov/domain/catalog/control-catalog.types';

/** The validated control catalogs and crosswalk, as a lookup index. */
export const CONTROL_CATALOG = Symbol('CONTROL_CATALOG');

export const DEFAULT_CONTROL_CATALOG_DIR = 'config/catalog';

/**
 * Reads and validates every catalog file and the crosswalk in `dir`. Called at process start
 * so that a mistake stops the process with the file and the field named.
 */
export function loadControlCatalog(dir: string): ControlCatalogIndex {
  const absolute = resolve(dir);
  const files: Record<string, unknown> = {};
  for (const file of [...Object.values(CATALOG_FILES), CROSSWALK_FILE]) {
    const path = join(absolute, file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(`control catalog file ${path} cannot be read (catalog directory from CONTROL_CATALOG_DIR or ${DEFAULT_CONTROL_CATALOG_DIR}): ${(error as Error).message}`);
    }
    try {
      files[file] = JSON.parse(text);
    } catch (error) {
      throw new Error(`control catalog file ${path} is not valid JSON: ${(error as Error).message}`);
    }
  }
  try {
    return new ControlCatalogIndex(parseControlLibrary(files));
  } catch (error) {
    if (error instanceof CatalogValidationError) {
      throw new Error(`${join(absolute, error.file)}: ${error.field || '(root)'}: ${error.reason}`);
    }
    throw error;
  }
}
