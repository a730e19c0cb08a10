/**
 * The draft as the governance office edits it: a version definition as JSON text (typed,
 * pasted or uploaded), and the one structured edit most law changes need, a new yes/no question
 * whose "yes" leads to a tier. The API is the judge of a definition; this only reads the text
 * and places the new question, so what is sent is what the person sees.
 */
export type DefinitionJson = Record<string, unknown> & { version?: unknown; questions?: unknown; rules?: unknown };

export type Parsed = { ok: true; definition: DefinitionJson } | { ok: false; problem: string };

export function parseDefinitionText(text: string): Parsed {
  if (!text.trim()) return { ok: false, problem: 'The definition is empty: start from the version in force or upload a version file.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `This is not valid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: 'A version definition is a JSON object with version, title, questions, rules and otherwise.' };
  return { ok: true, definition: value as DefinitionJson };
}

export function definitionText(definition: unknown): string {
  return `${JSON.stringify(definition, null, 2)}\n`;
}

/** The next label after `version`: 2026-11.1 -> 2026-11.2; anything else gets ".1" more. */
export function nextVersionLabel(version: string): string {
  const m = /^(.*\.)(\d+)$/.exec(version);
  return m ? `${m[1]}${Number(m[2]) + 1}` : `${version}.1`;
}

export const TIERS = ['minimal', 'limited', 'high', 'prohibited'] as const;
export type Tier = (typeof TIERS)[number];

export interface NewYesNoQuestion {
  section: string;
  id: string;
  text: string;
  help: string;
  tier: Tier;
  reason: string;
  reference: string;
}

const ID = /^[a-z][a-z0-9_]{0,63}$/;

/** Why the new question cannot be added as typed, by field, or null. */
export function newQuestionProblem(q: NewYesNoQuestion, definition: DefinitionJson): { field: keyof NewYesNoQuestion; problem: string } | null {
  if (!q.section.trim()) return { field: 'section', problem: 'Name the section the question belongs to.' };
  if (!ID.test(q.id)) return { field: 'id', problem: 'Lower-case letters, digits and underscores, starting with a letter (e.g. art5_intimate_imagery).' };
  const questions = Array.isArray(definition.questions) ? (definition.questions as Array<{ id?: unknown }>) : [];
  const rules = Array.isArray(definition.rules) ? (definition.rules as Array<{ id?: unknown }>) : [];
  if (questions.some((x) => x.id === q.id) || rules.some((x) => x.id === q.id)) return { field: 'id', problem: `The version already has a question or rule '${q.id}'.` };
  if (!q.text.trim()) return { field: 'text', problem: 'Write the question as the owner will read it.' };
  if (!q.reason.trim()) return { field: 'reason', problem: 'Write the reason recorded when the answer is yes.' };
  if (!q.reference.trim()) return { field: 'reference', problem: 'Name the legal or standard reference.' };
  return null;
}

/**
 * The definition with a required yes/no question added after the last question of its section
 * (or at the end), and a rule after the last rule of the same tier (or at the end) that records
 * the reason and leads to `tier` when the answer is yes.
 */
export function addYesNoQuestion(definition: DefinitionJson, q: NewYesNoQuestion): DefinitionJson {
  const questions = [...((definition.questions as Array<Record<string, unknown>>) ?? [])];
  const rules = [...((definition.rules as Array<Record<string, unknown>>) ?? [])];
  const question = { id: q.id, section: q.section.trim(), text: q.text.trim(), ...(q.help.trim() ? { help: q.help.trim() } : {}), type: 'boolean', required: true };
  const inSection = questions.map((x) => x.section).lastIndexOf(question.section);
  questions.splice(inSection === -1 ? questions.length : inSection + 1, 0, question);
  const rule = {
    id: q.id,
    code: q.id.replace(/^([a-z]+\d*)_/, '$1.'),
    tier: q.tier,
    questionId: q.id,
    when: { question: q.id, equals: true },
    text: q.reason.trim(),
    reference: q.reference.trim(),
  };
  const sameTier = rules.map((r) => r.tier).lastIndexOf(q.tier);
  rules.splice(sameTier === -1 ? rules.length : sameTier + 1, 0, rule);
  return { ...definition, questions, rules };
}

/** The sections of a definition, in order (for the new question's section list). */
export function sectionsOfDefinition(definition: DefinitionJson): string[] {
  const questions = Array.isArray(definition.questions) ? (definition.questions as Array<{ section?: unknown }>) : [];
  return [...new Set(questions.map((q) => q.section).filter((s): s is string => typeof s === 'string'))];
}
