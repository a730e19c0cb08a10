import { AssessmentQuestion, IMPACT_ASSESSMENT_TEMPLATE } from '@aigov/domain/impact-assessment.template';

export interface DescribedAnswer {
  /** the question's id (stable across questionnaire versions) */
  id: string;
  section: string;
  question: string;
  answer: string;
}

function labelOf(question: AssessmentQuestion, value: unknown): string {
  return question.options?.find((o) => o.value === value)?.label ?? String(value);
}

function describeValue(question: AssessmentQuestion | undefined, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.length === 0 ? 'None' : value.map((v) => (question ? labelOf(question, v) : String(v))).join('; ');
  if (value === null || value === undefined || value === '') return 'Not answered';
  if (typeof value === 'object') return JSON.stringify(value);
  return question ? labelOf(question, value) : String(value);
}

/**
 * Stored answers as a person reads them: the question's text and the chosen option's label,
 * in the questionnaire's order. Answers to questions the current questionnaire no longer has
 * (an older template version) are kept at the end under their id rather than hidden.
 */
export function describeAssessmentAnswers(answers: Record<string, unknown>): DescribedAnswer[] {
  const known = IMPACT_ASSESSMENT_TEMPLATE.questions.filter((q) => Object.prototype.hasOwnProperty.call(answers, q.id));
  const knownIds = new Set(IMPACT_ASSESSMENT_TEMPLATE.questions.map((q) => q.id));
  const unknown = Object.keys(answers)
    .filter((id) => !knownIds.has(id))
    .sort();
  return [
    ...known.map((q) => ({ id: q.id, section: q.section, question: q.text, answer: describeValue(q, answers[q.id]) })),
    ...unknown.map((id) => ({ id, section: 'Other answers', question: id, answer: describeValue(undefined, answers[id]) })),
  ];
}
