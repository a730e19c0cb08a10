import type { QuestionnaireRules } from './questionnaire.types';

export interface AnswerProblem {
  field: string;
  reason: string;
}

type Question = QuestionnaireRules['questions'][number];

const MAX_TEXT = 4000;

/** Why `value` is not an answer to `q`, or null when it is one (any version's question, the built-in template's too). */
export function answerProblem(q: Question, value: unknown): string | null {
  const options = new Set((q.options ?? []).map((o) => o.value));
  switch (q.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'choice':
      return typeof value === 'string' && options.has(value) ? null : `must be one of ${[...options].join(', ')}`;
    case 'multi_choice':
      if (!Array.isArray(value)) return `must be a list of ${[...options].join(', ')}`;
      if (value.some((v) => typeof v !== 'string' || !options.has(v))) return `may contain only ${[...options].join(', ')}`;
      return new Set(value).size === value.length ? null : 'must not repeat a value';
    case 'text':
      if (typeof value !== 'string') return 'must be text';
      return value.length <= MAX_TEXT ? null : `must be at most ${MAX_TEXT} characters`;
  }
}

/**
 * Checks answers against one questionnaire version; each problem names `answers.<questionId>`.
 * The same checks as the built-in 2026-11.1 questionnaire's (risk-assessment.ts), for any version.
 */
export function validateAnswers(q: QuestionnaireRules, answers: unknown): AnswerProblem[] {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    return [{ field: 'answers', reason: 'must be an object of question id to answer' }];
  }
  const given = answers as Record<string, unknown>;
  const problems: AnswerProblem[] = [];
  const known = new Set(q.questions.map((question) => question.id));
  for (const id of Object.keys(given)) {
    if (!known.has(id)) problems.push({ field: `answers.${id}`, reason: `is not a question of questionnaire ${q.version}` });
  }
  for (const question of q.questions) {
    const value = given[question.id];
    if (value === undefined || value === null) {
      if (question.required) problems.push({ field: `answers.${question.id}`, reason: 'is required' });
      continue;
    }
    const problem = answerProblem(question, value);
    if (problem) problems.push({ field: `answers.${question.id}`, reason: problem });
  }
  return problems;
}

/** A stored answer that still answers the question (its type and options may have changed since). */
export function isValidAnswer(q: Question, value: unknown): boolean {
  return value !== undefined && value !== null && answerProblem(q, value) === null;
}
