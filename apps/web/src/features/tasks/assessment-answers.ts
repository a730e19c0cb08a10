import type { AssessmentTemplate } from './task-queries';

/**
 * Stored assessment answers as people read them: the question's text and the chosen option's
 * label, in the questionnaire's order, grouped by section; answers to questions the current
 * questionnaire no longer has are kept at the end under their id (the API's emailed action
 * page lists them the same way).
 */
export interface AnswerRow {
  questionId: string;
  question: string;
  answer: string;
}

export interface AnswerSection {
  section: string;
  rows: AnswerRow[];
}

type Question = AssessmentTemplate['questions'][number];

export function describeValue(question: Question | undefined, value: unknown): string {
  const label = (v: unknown) => question?.options?.find((o) => o.value === v)?.label ?? String(v);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.length === 0 ? 'None' : value.map(label).join('; ');
  if (value === null || value === undefined || value === '') return 'Not answered';
  if (typeof value === 'object') return JSON.stringify(value);
  return label(value);
}

export function describeAnswers(template: AssessmentTemplate, answers: Record<string, unknown>): AnswerSection[] {
  const sections = new Map<string, AnswerRow[]>();
  const known = new Set<string>();
  for (const question of template.questions) {
    known.add(question.id);
    if (!Object.prototype.hasOwnProperty.call(answers, question.id)) continue;
    const rows = sections.get(question.section) ?? [];
    rows.push({ questionId: question.id, question: question.text, answer: describeValue(question, answers[question.id]) });
    sections.set(question.section, rows);
  }
  const other = Object.keys(answers)
    .filter((id) => !known.has(id))
    .sort()
    .map((id) => ({ questionId: id, question: id, answer: describeValue(undefined, answers[id]) }));
  if (other.length) sections.set('Other answers', other);
  return [...sections].map(([section, rows]) => ({ section, rows }));
}

export interface ChangedAnswer {
  questionId: string;
  question: string;
  before: string;
  after: string;
}

/** The answers that differ between two assessments (what changed since the earlier one). */
export function changedAnswers(template: AssessmentTemplate, before: Record<string, unknown>, after: Record<string, unknown>): ChangedAnswer[] {
  const byId = new Map(template.questions.map((q) => [q.id, q]));
  const ids = [...new Set([...template.questions.map((q) => q.id), ...Object.keys(before), ...Object.keys(after)])];
  return ids
    .filter((id) => (id in before || id in after) && JSON.stringify(before[id] ?? null) !== JSON.stringify(after[id] ?? null))
    .map((id) => {
      const question = byId.get(id);
      return { questionId: id, question: question?.text ?? id, before: describeValue(question, before[id]), after: describeValue(question, after[id]) };
    });
}
