import { DATA_FILE_WORDS, fieldChecks, Obj } from '../field-checks';
import { RISK_TIERS } from '../risk-tier';
import { placeholdersOf } from './questionnaire-rules';
import {
  FallbackReason,
  OPTION_VALUE_PATTERN,
  QUESTION_ID_PATTERN,
  QUESTION_TYPES,
  QuestionDefinition,
  QuestionnaireDefinition,
  QuestionnaireRules,
  QuestionnaireValidationError,
  QuestionOption,
  QUESTIONNAIRE_LIMITS as LIMITS,
  QUESTIONNAIRE_VERSION_PATTERN,
  RuleCondition,
  TierRule,
} from './questionnaire.types';

const { fail, at, object, text, list, oneOf } = fieldChecks((field, reason) => {
  throw new QuestionnaireValidationError(field, reason);
}, DATA_FILE_WORDS);

function optionalText(o: Obj, key: string, field: string, max: number): string | undefined {
  if (o[key] === undefined) return undefined;
  return text(o, key, field, max);
}

function options(o: Obj, field: string, type: QuestionDefinition['type']): QuestionOption[] | undefined {
  const needs = type === 'choice' || type === 'multi_choice';
  if (!needs) {
    if (o.options !== undefined) fail(at(field, 'options'), `a ${type} question has no options`);
    return undefined;
  }
  const raw = list(o, 'options', field, true);
  const min = type === 'choice' ? 2 : 1;
  if (raw.length < min) fail(at(field, 'options'), `a ${type} question needs at least ${min} options`);
  if (raw.length > LIMITS.options) fail(at(field, 'options'), `may list at most ${LIMITS.options} options`);
  const seen = new Set<string>();
  return raw.map((entry, i) => {
    const f = `${field}.options[${i}]`;
    const opt = object(entry, f, ['value', 'label']);
    if (typeof opt.value !== 'string' || !OPTION_VALUE_PATTERN.test(opt.value)) {
      fail(`${f}.value`, 'must be lower-case letters, digits and underscores (at most 64), starting with a letter or digit');
    }
    if (seen.has(opt.value as string)) fail(`${f}.value`, `'${opt.value}' is used by an earlier option`);
    seen.add(opt.value as string);
    return { value: opt.value as string, label: text(opt, 'label', f, LIMITS.shortText) };
  });
}

function question(value: unknown, field: string): QuestionDefinition {
  const o = object(value, field, ['id', 'section', 'text', 'help', 'type', 'options', 'required']);
  if (typeof o.id !== 'string' || !QUESTION_ID_PATTERN.test(o.id)) {
    fail(at(field, 'id'), 'must be lower-case letters, digits and underscores (at most 64), starting with a letter');
  }
  if (o.type === undefined) fail(at(field, 'type'), 'is required');
  const type = oneOf(o.type, at(field, 'type'), QUESTION_TYPES);
  if (typeof o.required !== 'boolean') fail(at(field, 'required'), 'must be true or false');
  const help = optionalText(o, 'help', field, LIMITS.longText);
  const opts = options(o, field, type);
  return {
    id: o.id as string,
    section: text(o, 'section', field, LIMITS.shortText),
    text: text(o, 'text', field, LIMITS.longText),
    ...(help !== undefined ? { help } : {}),
    type,
    ...(opts ? { options: opts } : {}),
    required: o.required as boolean,
  };
}

function condition(value: unknown, field: string, questions: Map<string, QuestionDefinition>, depth: number, atoms: { n: number }): RuleCondition {
  if (depth > LIMITS.conditionDepth) fail(field, `nests deeper than ${LIMITS.conditionDepth} levels`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, DATA_FILE_WORDS.object);
  const o = value as Obj;
  const keys = Object.keys(o);
  for (const combinator of ['all', 'any'] as const) {
    if (combinator in o) {
      object(o, field, [combinator]);
      const items = list(o, combinator, field, true);
      return { [combinator]: items.map((x, i) => condition(x, `${field}.${combinator}[${i}]`, questions, depth + 1, atoms)) } as RuleCondition;
    }
  }
  if ('not' in o) {
    object(o, field, ['not']);
    return { not: condition(o.not, `${field}.not`, questions, depth + 1, atoms) };
  }
  if (!('question' in o)) fail(field, `must be {question, equals}, {question, in}, {question, answered: true}, {all: [...]}, {any: [...]} or {not: ...}; got keys ${keys.join(', ') || 'none'}`);
  atoms.n += 1;
  if (atoms.n > LIMITS.conditionAtoms) fail(field, `a rule may test at most ${LIMITS.conditionAtoms} answers`);
  const tests = keys.filter((k) => k !== 'question');
  if (tests.length !== 1 || !['equals', 'in', 'answered'].includes(tests[0])) {
    fail(field, 'names one test beside the question: equals, in or answered');
  }
  object(o, field, ['question', tests[0]]);
  const q = questions.get(o.question as string);
  if (!q) fail(`${field}.question`, `'${String(o.question)}' is not a question of this version`);
  const values = new Set((q!.options ?? []).map((x) => x.value));
  const test = tests[0];
  if (test === 'answered') {
    if (o.answered !== true) fail(`${field}.answered`, 'must be true (use not to test for no answer)');
    return { question: q!.id, answered: true };
  }
  if (q!.type === 'text') fail(`${field}.${test}`, `question '${q!.id}' is answered with free text: test it only with answered`);
  if (test === 'equals') {
    if (q!.type === 'boolean') {
      if (typeof o.equals !== 'boolean') fail(`${field}.equals`, `question '${q!.id}' is yes/no: compare it with true or false`);
    } else if (typeof o.equals !== 'string' || !values.has(o.equals)) {
      fail(`${field}.equals`, `must be one of the options of '${q!.id}': ${[...values].join(', ')}`);
    }
    return { question: q!.id, equals: o.equals as boolean | string };
  }
  if (q!.type === 'boolean') fail(`${field}.in`, `question '${q!.id}' is yes/no: use equals`);
  if (!Array.isArray(o.in) || o.in.length === 0) fail(`${field}.in`, 'must be a non-empty list of option values');
  (o.in as unknown[]).forEach((v, i) => {
    if (typeof v !== 'string' || !values.has(v)) fail(`${field}.in[${i}]`, `must be one of the options of '${q!.id}': ${[...values].join(', ')}`);
  });
  if (new Set(o.in as string[]).size !== (o.in as string[]).length) fail(`${field}.in`, 'must not repeat a value');
  return { question: q!.id, in: [...(o.in as string[])] };
}

/** A template's placeholders must name questions of the version; `label` needs options to read. */
function templateText(o: Obj, key: string, field: string, max: number, questions: Map<string, QuestionDefinition>): string {
  const value = text(o, key, field, max);
  for (const [kind, id] of placeholdersOf(value)) {
    const q = questions.get(id);
    if (!q) fail(at(field, key), `{${kind}:${id}} names no question of this version`);
    if (kind === 'label' && !q!.options) fail(at(field, key), `{label:${id}} needs a question with options; '${id}' is ${q!.type}`);
  }
  return value;
}

function rule(value: unknown, field: string, questions: Map<string, QuestionDefinition>): TierRule {
  const o = object(value, field, ['id', 'code', 'tier', 'questionId', 'when', 'text', 'reference']);
  if (typeof o.id !== 'string' || !QUESTION_ID_PATTERN.test(o.id)) {
    fail(at(field, 'id'), 'must be lower-case letters, digits and underscores (at most 64), starting with a letter');
  }
  if (o.tier === undefined) fail(at(field, 'tier'), 'is required');
  const tier = oneOf(o.tier, at(field, 'tier'), RISK_TIERS);
  const questionId = text(o, 'questionId', field, 64);
  if (!questions.has(questionId)) fail(at(field, 'questionId'), `'${questionId}' is not a question of this version`);
  if (o.when === undefined) fail(at(field, 'when'), 'is required');
  const code = templateText(o, 'code', field, LIMITS.shortText, questions);
  if (!/^[a-z0-9_.{}:]+$/.test(code)) fail(at(field, 'code'), 'must be lower-case letters, digits, dots and underscores (placeholders allowed)');
  return {
    id: o.id as string,
    code,
    tier,
    questionId,
    when: condition(o.when, at(field, 'when'), questions, 1, { n: 0 }),
    text: templateText(o, 'text', field, LIMITS.longText, questions),
    reference: templateText(o, 'reference', field, LIMITS.shortText, questions),
  };
}

function fallback(value: unknown, field: string, questions: Map<string, QuestionDefinition>): FallbackReason {
  const o = object(value, field, ['code', 'questionId', 'text', 'reference']);
  const questionId = text(o, 'questionId', field, 64);
  if (!questions.has(questionId)) fail(at(field, 'questionId'), `'${questionId}' is not a question of this version`);
  return {
    code: text(o, 'code', field, LIMITS.shortText),
    questionId,
    text: templateText(o, 'text', field, LIMITS.longText, questions),
    reference: templateText(o, 'reference', field, LIMITS.shortText, questions),
  };
}

/**
 * Validates a questionnaire version (a parsed JSON file or request body) and returns it
 * normalised. The first problem throws a QuestionnaireValidationError naming its path, e.g.
 * `rules[3].when.all[1].equals`. Unknown fields are errors, so a typo is never ignored.
 */
export function parseQuestionnaire(raw: unknown): QuestionnaireDefinition {
  const root = object(raw, '', ['version', 'title', 'note', 'questions', 'rules', 'otherwise']);
  if (typeof root.version !== 'string' || !QUESTIONNAIRE_VERSION_PATTERN.test(root.version)) {
    fail('version', 'must be 1-40 letters, digits, dots, dashes or underscores, starting with a letter or digit (e.g. 2026-11.1)');
  }
  const title = text(root, 'title', '', LIMITS.shortText);
  const note = optionalText(root, 'note', '', LIMITS.longText);
  const rawQuestions = list(root, 'questions', '', true);
  if (rawQuestions.length > LIMITS.questions) fail('questions', `may list at most ${LIMITS.questions} questions`);
  const questions = rawQuestions.map((q, i) => question(q, `questions[${i}]`));
  const byId = new Map<string, QuestionDefinition>();
  questions.forEach((q, i) => {
    if (byId.has(q.id)) fail(`questions[${i}].id`, `'${q.id}' is used by an earlier question`);
    byId.set(q.id, q);
    // The form shows a section as one part: its questions stay together.
    const first = questions.findIndex((other) => other.section === q.section);
    if (first < i - 1 && questions[i - 1].section !== q.section) {
      fail(`questions[${i}].section`, `'${q.section}' already ended at questions[${questions.slice(0, i).map((x) => x.section).lastIndexOf(q.section)}]: keep a section's questions together`);
    }
  });
  const rawRules = list(root, 'rules', '');
  if (rawRules.length > LIMITS.rules) fail('rules', `may list at most ${LIMITS.rules} rules`);
  const rules = rawRules.map((r, i) => rule(r, `rules[${i}]`, byId));
  const ruleIds = new Set<string>();
  rules.forEach((r, i) => {
    if (ruleIds.has(r.id)) fail(`rules[${i}].id`, `'${r.id}' is used by an earlier rule`);
    ruleIds.add(r.id);
  });
  if (root.otherwise === undefined) fail('otherwise', 'is required: the reason recorded when no rule applies');
  return {
    version: root.version as string,
    title,
    ...(note !== undefined ? { note } : {}),
    questions,
    rules,
    otherwise: fallback(root.otherwise, 'otherwise', byId),
  };
}

/** The part of a version the lifecycle workflow needs to check answers and derive the tier (a small payload). */
export function rulesOf(q: QuestionnaireDefinition): QuestionnaireRules {
  return {
    version: q.version,
    questions: q.questions.map(({ id, type, required, options }) => ({ id, type, required, ...(options ? { options } : {}) })),
    rules: q.rules,
    otherwise: q.otherwise,
  };
}
