import type { QuestionDefinition, QuestionnaireDefinition, TierRule } from './questionnaire.types';

export const QUESTION_DIFF_FIELDS = ['section', 'text', 'help', 'type', 'options', 'required'] as const;
export const RULE_DIFF_FIELDS = ['code', 'tier', 'questionId', 'when', 'text', 'reference'] as const;

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface QuestionnaireDiff {
  from: string;
  to: string;
  questions: { added: QuestionDefinition[]; removed: QuestionDefinition[]; changed: Array<{ id: string; changes: FieldChange[] }> };
  rules: { added: TierRule[]; removed: TierRule[]; changed: Array<{ id: string; changes: FieldChange[] }> };
  /** the reason recorded when no rule applies */
  otherwise: FieldChange[];
  /** nothing that answers or tiers depend on differs (title and note aside) */
  empty: boolean;
}

/** Key order does not matter; everything else does (JSON values only). */
function same(a: unknown, b: unknown): boolean {
  return stable(a) === stable(b);
}

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

function changes<T extends object>(a: T, b: T, fields: readonly string[]): FieldChange[] {
  return fields
    .filter((f) => !same((a as Record<string, unknown>)[f], (b as Record<string, unknown>)[f]))
    .map((f) => ({ field: f, from: (a as Record<string, unknown>)[f] ?? null, to: (b as Record<string, unknown>)[f] ?? null }));
}

function diffById<T extends { id: string }>(a: T[], b: T[], fields: readonly string[]) {
  const before = new Map(a.map((x) => [x.id, x]));
  const after = new Map(b.map((x) => [x.id, x]));
  return {
    added: b.filter((x) => !before.has(x.id)),
    removed: a.filter((x) => !after.has(x.id)),
    changed: b.filter((x) => before.has(x.id)).map((x) => ({ id: x.id, changes: changes(before.get(x.id)!, x, fields) })).filter((c) => c.changes.length > 0),
  };
}

/**
 * What changed from version `a` to version `b`: questions and rules added, removed and changed
 * (matched by id, field by field), and the fallback reason. Order alone is no change.
 */
export function diffQuestionnaires(a: QuestionnaireDefinition, b: QuestionnaireDefinition): QuestionnaireDiff {
  const questions = diffById(a.questions, b.questions, QUESTION_DIFF_FIELDS);
  const rules = diffById(a.rules, b.rules, RULE_DIFF_FIELDS);
  const otherwise = changes(a.otherwise, b.otherwise, ['code', 'questionId', 'text', 'reference']);
  const count = (d: { added: unknown[]; removed: unknown[]; changed: unknown[] }) => d.added.length + d.removed.length + d.changed.length;
  return { from: a.version, to: b.version, questions, rules, otherwise, empty: count(questions) + count(rules) + otherwise.length === 0 };
}
