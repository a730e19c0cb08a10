import type { AssessmentTemplate } from '../tasks/task-queries';

/**
 * The impact assessment being answered, apart from its screen: the questionnaire grouped by
 * section in its own order, which answers are sent (a question not touched yet is left out, so
 * the preview lists it as unanswered), and where an API error's field (`answers.<id>`) points.
 */
export type Question = AssessmentTemplate['questions'][number];
export type Answers = Record<string, unknown>;

export interface QuestionSection {
  title: string;
  questions: Question[];
}

export function sectionsOf(template: AssessmentTemplate): QuestionSection[] {
  const sections: QuestionSection[] = [];
  for (const question of template.questions) {
    const last = sections.at(-1);
    if (last && last.title === question.section) last.questions.push(question);
    else sections.push({ title: question.section, questions: [question] });
  }
  return sections;
}

/** Answers to send: only questions of this questionnaire, blank text left out. */
export function answersToSend(template: AssessmentTemplate, answers: Answers): Answers {
  const sent: Answers = {};
  for (const question of template.questions) {
    const value = answers[question.id];
    if (value === undefined || value === null) continue;
    if (question.type === 'text' && typeof value === 'string' && !value.trim()) continue;
    sent[question.id] = value;
  }
  return sent;
}

/** Starting answers: the last assessment's (a re-assessment changes what changed), for questions still asked. */
export function startingAnswers(template: AssessmentTemplate, previous: Answers | undefined): Answers {
  return previous ? answersToSend(template, previous) : {};
}

/** The question an API error names (`answers.art5_social_scoring`), or undefined. */
export function questionOfField(field: string | undefined): string | undefined {
  return field?.startsWith('answers.') ? field.slice('answers.'.length) : undefined;
}

export function toggle(values: unknown, value: string): string[] {
  const current = Array.isArray(values) ? (values as string[]) : [];
  return current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
}
