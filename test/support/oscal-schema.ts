import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '@aigov/scripts/project-root';

/**
 * The official NIST OSCAL 1.0.4 JSON schema our export is checked against, kept unchanged in
 * the repository (public domain, its LICENSE.md beside it) so a fresh clone's `npm test` has it.
 */
export const OSCAL_SCHEMA_DIR = path.resolve(projectRoot(), 'test', 'fixtures', 'oscal-1.0.4');

/**
 * A validator for one OSCAL model's official JSON schema (`ssp`, `assessment-results` ...),
 * compiled with ajv and its formats. A missing schema file throws, naming the path: the check
 * is never skipped.
 */
export function oscalValidator(model: string): ValidateFunction {
  const file = path.join(OSCAL_SCHEMA_DIR, `oscal_${model}_schema.json`);
  if (!existsSync(file)) throw new Error(`the OSCAL schema ${file} is missing: it is part of the repository's test fixtures`);
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(file, 'utf8')));
}

/** The first errors of a failed validation, readable in a test failure. */
export const oscalErrors = (validate: ValidateFunction) =>
  (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
