import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ControlCatalogIndex } from '@aigov/domain/catalog/control-catalog.index';
import { CatalogValidationError } from '@aigov/domain/catalog/control-catalog.types';
import { parseEvidenceMap } from '@aigov/domain/evidence/evidence-map.parser';
import { EVIDENCE_MAP_FILE, EvidenceMap } from '@aigov/domain/evidence/evidence-map.types';

/** The validated evidence map (which engine artefacts evidence which controls). */
export const EVIDENCE_MAP = Symbol('EVIDENCE_MAP');

/**
 * Reads `evidence-map.json` from the catalog directory and validates it against the loaded
 * catalog, at process start: a mistake stops the process with the file and the field named.
 */
export function loadEvidenceMap(dir: string, catalog: ControlCatalogIndex): EvidenceMap {
  const path = join(resolve(dir), EVIDENCE_MAP_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`evidence map ${path} cannot be read as JSON: ${(error as Error).message}`);
  }
  try {
    return parseEvidenceMap(raw, catalog);
  } catch (error) {
    if (error instanceof CatalogValidationError) throw new Error(`${path}: ${error.field || '(root)'}: ${error.reason}`);
    throw error;
  }
}
