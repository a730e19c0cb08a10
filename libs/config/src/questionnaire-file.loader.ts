import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseQuestionnaire } from '@aigov/domain/questionnaire/questionnaire.parser';
import { QuestionnaireDefinition, QuestionnaireValidationError } from '@aigov/domain/questionnaire/questionnaire.types';

/** The questionnaire version shipped in the repository, validated at start. */
export const QUESTIONNAIRE_FILE = Symbol('QUESTIONNAIRE_FILE');

export const DEFAULT_QUESTIONNAIRE_FILE = 'config/questionnaire/impact-assessment.json';

/**
 * Reads and validates the questionnaire file (QUESTIONNAIRE_FILE). Called at process start so
 * a mistake stops the process with the file and the field named. The file is the version a
 * fresh installation starts with; later versions are published through the API and kept in
 * the database (apps/api/src/questionnaire).
 */
export function loadQuestionnaireFile(path: string): QuestionnaireDefinition {
  const absolute = resolve(path);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new Error(`questionnaire file ${absolute} cannot be read (QUESTIONNAIRE_FILE or ${DEFAULT_QUESTIONNAIRE_FILE}): ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`questionnaire file ${absolute} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parseQuestionnaire(parsed);
  } catch (error) {
    if (error instanceof QuestionnaireValidationError) throw new Error(`${absolute}: ${error.field || '(root)'}: ${error.reason}`);
    throw error;
  }
}
