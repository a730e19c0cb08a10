import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPACT_ASSESSMENT_TEMPLATE } from '../impact-assessment.template';
import { assessRisk, validateAssessmentAnswers } from '../risk-assessment';
import { RISK_TIERS, RiskTier } from '../risk-tier';
import { OMNIBUS_QUESTION, OMNIBUS_RULE, withOmnibusProhibition } from './digital-omnibus.example';
import { validateAnswers } from './questionnaire-answers';
import { diffQuestionnaires } from './questionnaire-diff';
import { compareTier, questionsToAsk, tierImpact } from './questionnaire-impact';
import { evaluateQuestionnaire, tierRank } from './questionnaire-rules';
import { parseQuestionnaire, rulesOf } from './questionnaire.parser';
import { QuestionDefinition, QuestionnaireDefinition, QuestionnaireValidationError } from './questionnaire.types';

const FILE = join(__dirname, '../../../../config/questionnaire/impact-assessment.json');
const raw = (): Record<string, any> => JSON.parse(readFileSync(FILE, 'utf8'));
const shipped = parseQuestionnaire(raw());

/** Answers that clear every trigger. */
function baseline(q: QuestionnaireDefinition = shipped): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const question of q.questions) {
    if (question.type === 'boolean') answers[question.id] = false;
    else if (question.type === 'choice') answers[question.id] = question.options!.find((o) => o.value === 'none')?.value ?? question.options![0].value;
    else if (question.type === 'multi_choice') answers[question.id] = [];
    else answers[question.id] = 'documented';
  }
  return answers;
}

/** Any valid answer to a question (optional questions may stay unanswered). */
function answerArb(q: QuestionDefinition): fc.Arbitrary<unknown> {
  const values = (q.options ?? []).map((o) => o.value);
  const given: fc.Arbitrary<unknown> =
    q.type === 'boolean'
      ? fc.boolean()
      : q.type === 'choice'
        ? fc.constantFrom(...values)
        : q.type === 'multi_choice'
          ? fc.subarray(values)
          : fc.string({ maxLength: 20 });
  return q.required ? given : fc.option(given, { nil: undefined });
}

function answersArb(q: QuestionnaireDefinition): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(q.questions.map((question) => [question.id, answerArb(question)]))).map((a) =>
    Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)),
  );
}

function refusal(mutate: (d: Record<string, any>) => void): { field: string; reason: string } {
  const d = raw();
  mutate(d);
  try {
    parseQuestionnaire(d);
  } catch (error) {
    if (error instanceof QuestionnaireValidationError) return { field: error.field, reason: error.reason };
    throw error;
  }
  throw new Error('the definition was accepted');
}

describe('the shipped questionnaire file (config/questionnaire/impact-assessment.json)', () => {
  it('is version 2026-11.1 with the questions the built-in template had, in the same order', () => {
    expect(shipped.version).toBe(IMPACT_ASSESSMENT_TEMPLATE.version);
    expect(shipped.questions).toEqual(IMPACT_ASSESSMENT_TEMPLATE.questions.map((q) => ({ ...q })));
  });

  it('gives exactly the tier and reasons the built-in rules give, for any valid answers', () => {
    fc.assert(
      fc.property(answersArb(shipped), (answers) => {
        expect(evaluateQuestionnaire(shipped, answers)).toEqual(assessRisk(answers));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the built-in result for partly answered forms too (the preview while the owner fills it in)', () => {
    fc.assert(
      fc.property(answersArb(shipped), fc.subarray(shipped.questions.map((q) => q.id)), (answers, dropped) => {
        const partial = Object.fromEntries(Object.entries(answers).filter(([id]) => !dropped.includes(id)));
        expect(evaluateQuestionnaire(shipped, partial)).toEqual(assessRisk(partial));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses the answers the built-in checks refuse, naming the same fields', () => {
    const cases: Array<Record<string, unknown>> = [
      baseline(),
      { ...baseline(), art5_social_scoring: 'yes' },
      { ...baseline(), colour: 'blue' },
      { ...baseline(), annex3_area: 'astrology' },
      { ...baseline(), vulnerable_groups: ['children', 'children'] },
      Object.fromEntries(Object.entries(baseline()).filter(([id]) => id !== 'annex3_area')),
    ];
    for (const answers of cases) {
      expect(validateAnswers(shipped, answers).map((p) => p.field)).toEqual(validateAssessmentAnswers(answers).map((p) => p.field));
    }
    expect(validateAnswers(shipped, [])).toEqual([{ field: 'answers', reason: 'must be an object of question id to answer' }]);
  });

  it('keeps only what checking and tiering need in the rules the workflow receives', () => {
    const rules = rulesOf(shipped);
    expect(rules.questions[0]).toEqual({ id: 'art5_manipulation', type: 'boolean', required: true });
    expect(JSON.stringify(rules).length).toBeLessThan(JSON.stringify(shipped).length * 0.85);
    expect(evaluateQuestionnaire(rules, { ...baseline(), annex3_area: 'employment' }).reasons[0].text).toBe(
      'Used in an Annex III high-risk area: Employment and workers management (recruitment, promotion, termination, task allocation, monitoring).',
    );
  });
});

describe('validating a questionnaire version', () => {
  it.each([
    ['an unknown top-level field', (d: any) => (d.colour = 'blue'), 'colour', 'is not a known field'],
    ['a version label with a slash', (d: any) => (d.version = '2027/1'), 'version', 'must be 1-40 letters'],
    ['no questions', (d: any) => (d.questions = []), 'questions', 'must not be empty'],
    ['a repeated question id', (d: any) => (d.questions[1].id = d.questions[0].id), 'questions[1].id', 'is used by an earlier question'],
    ['an upper-case question id', (d: any) => (d.questions[0].id = 'Art5'), 'questions[0].id', 'lower-case'],
    ['an unknown question type', (d: any) => (d.questions[0].type = 'slider'), 'questions[0].type', 'must be one of boolean, choice, multi_choice, text'],
    ['options on a yes/no question', (d: any) => (d.questions[0].options = [{ value: 'a', label: 'A' }]), 'questions[0].options', 'has no options'],
    ['a choice with one option', (d: any) => (d.questions[8].options = [d.questions[8].options[0]]), 'questions[8].options', 'at least 2 options'],
    ['a repeated option value', (d: any) => (d.questions[8].options[2].value = 'none'), 'questions[8].options[2].value', 'is used by an earlier option'],
    ['a missing required flag', (d: any) => delete d.questions[3].required, 'questions[3].required', 'must be true or false'],
    ['a blank question text', (d: any) => (d.questions[3].text = '  '), 'questions[3].text', 'must be a non-empty string'],
    ['a section split in two', (d: any) => d.questions.push({ ...d.questions[0], id: 'art5_late' }), 'questions[21].section', "keep a section's questions together"],
    ['a rule on an unknown question', (d: any) => (d.rules[0].when = { question: 'nope', equals: true }), 'rules[0].when.question', "'nope' is not a question"],
    ['a yes/no question compared with text', (d: any) => (d.rules[0].when.equals = 'yes'), 'rules[0].when.equals', 'compare it with true or false'],
    ['a choice compared with an unknown option', (d: any) => (d.rules[8].when.all[0].equals = 'astrology'), 'rules[8].when.all[0].equals', 'must be one of the options'],
    ['a free-text answer compared', (d: any) => (d.rules[0].when = { question: 'mitigations', equals: 'x' }), 'rules[0].when.equals', 'test it only with answered'],
    ['a test with two operators', (d: any) => (d.rules[0].when = { question: 'art5_manipulation', equals: true, answered: true }), 'rules[0].when', 'names one test'],
    ['an unknown tier', (d: any) => (d.rules[0].tier = 'severe'), 'rules[0].tier', 'must be one of minimal, limited, high, prohibited'],
    ['a repeated rule id', (d: any) => (d.rules[1].id = d.rules[0].id), 'rules[1].id', 'is used by an earlier rule'],
    ['a placeholder naming no question', (d: any) => (d.rules[0].text = 'The system {words:nope}.'), 'rules[0].text', '{words:nope} names no question'],
    ['a label placeholder on a yes/no question', (d: any) => (d.rules[0].text = '{label:art5_manipulation}'), 'rules[0].text', 'needs a question with options'],
    ['no fallback reason', (d: any) => delete d.otherwise, 'otherwise', 'is required'],
    [
      'a condition nested too deep',
      (d: any) => {
        let c: any = { question: 'art5_manipulation', equals: true };
        for (let i = 0; i < 9; i++) c = { not: c };
        d.rules[0].when = c;
      },
      'rules[0].when.not.not.not.not.not.not.not.not',
      'nests deeper than 8 levels',
    ],
  ])('refuses %s, naming the field', (_what, mutate, field, reason) => {
    const problem = refusal(mutate);
    expect(problem.field).toBe(field);
    expect(problem.reason).toContain(reason);
  });
});

describe('the Digital Omnibus example', () => {
  it('is the same question and rule in the example files the README adds with jq', () => {
    const dir = join(__dirname, '../../../../config/questionnaire/examples');
    expect(JSON.parse(readFileSync(join(dir, 'digital-omnibus-art5.question.json'), 'utf8'))).toEqual(OMNIBUS_QUESTION);
    expect(JSON.parse(readFileSync(join(dir, 'digital-omnibus-art5.rule.json'), 'utf8'))).toEqual(OMNIBUS_RULE);
    expect(parseQuestionnaire(withOmnibusProhibition(shipped)).questions.map((q) => q.id).indexOf(OMNIBUS_QUESTION.id)).toBe(8);
  });
});

describe('the difference between two versions', () => {
  const omnibus = withOmnibusProhibition(shipped);

  it('lists the Omnibus question and rule as added, and nothing else', () => {
    const diff = diffQuestionnaires(shipped, omnibus);
    expect(diff).toMatchObject({ from: '2026-11.1', to: '2026-12.1', empty: false, otherwise: [] });
    expect(diff.questions).toEqual({ added: [OMNIBUS_QUESTION], removed: [], changed: [] });
    expect(diff.rules).toEqual({ added: [OMNIBUS_RULE], removed: [], changed: [] });
  });

  it('names changed fields, and a removed question or rule', () => {
    const edited = structuredClone(omnibus);
    edited.questions = edited.questions.filter((q) => q.id !== 'mitigations');
    edited.questions[0] = { ...edited.questions[0], text: 'Reworded?' };
    edited.rules = edited.rules.map((r) => (r.id === 'vulnerable_groups' ? { ...r, tier: 'limited' } : r));
    const diff = diffQuestionnaires(omnibus, edited);
    expect(diff.questions.removed.map((q) => q.id)).toEqual(['mitigations']);
    expect(diff.questions.changed).toEqual([{ id: 'art5_manipulation', changes: [{ field: 'text', from: shipped.questions[0].text, to: 'Reworded?' }] }]);
    expect(diff.rules.changed).toEqual([{ id: 'vulnerable_groups', changes: [{ field: 'tier', from: 'minimal', to: 'limited' }] }]);
  });

  it('is empty for the same content under another label, in another order, with another note', () => {
    const shuffled = { ...shipped, version: '2026-11.2', note: 'same rules', questions: [...shipped.questions].reverse(), rules: [...shipped.rules].reverse() };
    expect(diffQuestionnaires(shipped, shuffled).empty).toBe(true);
  });
});

describe('what a new version could do to the tier of a system assessed on an earlier one', () => {
  const omnibus = withOmnibusProhibition(shipped);
  const before = new Set(shipped.questions.map((q) => q.id));

  it('asks the new Art. 5 question, whose yes could make a minimal system prohibited', () => {
    const answers = baseline();
    const unknown = questionsToAsk(omnibus, answers, before);
    expect([...unknown]).toEqual([OMNIBUS_QUESTION.id]);
    const impact = tierImpact(omnibus, answers, unknown);
    expect(impact).toMatchObject({ lowest: 'minimal', highest: 'prohibited', decidingQuestions: [OMNIBUS_QUESTION.id] });
    expect(impact.possible).toEqual([{ ruleId: OMNIBUS_RULE.id, code: OMNIBUS_RULE.code, tier: 'prohibited', questions: [OMNIBUS_QUESTION.id] }]);
    expect(compareTier('minimal', impact)).toEqual({ from: 'minimal', lowest: 'minimal', highest: 'prohibited', certain: false, affected: true });
  });

  it('keeps a high-risk system high at least, whatever it answers', () => {
    const answers = { ...baseline(), annex3_area: 'employment' };
    const impact = tierImpact(omnibus, answers, questionsToAsk(omnibus, answers, before));
    expect(impact).toMatchObject({ lowest: 'high', highest: 'prohibited' });
    expect(impact.reasons.map((r) => r.code)).toEqual(['annex3.employment']);
  });

  it('settles the tier once the new question is answered', () => {
    const answers = { ...baseline(), art50_interacts_with_people: true, [OMNIBUS_QUESTION.id]: false };
    const impact = tierImpact(omnibus, answers, questionsToAsk(omnibus, answers, before));
    expect(compareTier('limited', impact)).toMatchObject({ lowest: 'limited', highest: 'limited', certain: true, affected: false });
    expect(compareTier('limited', tierImpact(omnibus, { ...answers, [OMNIBUS_QUESTION.id]: true }, new Set()))).toMatchObject({ lowest: 'prohibited', affected: true });
  });

  it('lists a system whose tier a changed rule lowers, with no question to ask', () => {
    const lenient = { ...shipped, version: '2027-01.1', rules: shipped.rules.filter((r) => r.id !== 'art50_interacts_with_people') };
    const answers = { ...baseline(), art50_interacts_with_people: true };
    const unknown = questionsToAsk(lenient, answers, before);
    expect(unknown.size).toBe(0);
    expect(compareTier('limited', tierImpact(lenient, answers, unknown))).toEqual({ from: 'limited', lowest: 'minimal', highest: 'minimal', certain: true, affected: true });
  });

  it('treats an optional question left empty as answered, and an answer that no longer fits as unknown', () => {
    const answers = baseline();
    delete answers.vulnerable_groups;
    expect(questionsToAsk(shipped, answers, before).has('vulnerable_groups')).toBe(false);
    expect(questionsToAsk(shipped, answers).has('vulnerable_groups')).toBe(true);
    const narrowed = structuredClone(shipped);
    narrowed.questions.find((q) => q.id === 'human_oversight')!.options!.pop();
    expect([...questionsToAsk(narrowed, answers, before)]).toEqual(['human_oversight']);
  });

  it('never misses a tier: whatever the unknown questions are answered, the tier lies between lowest and highest', () => {
    const ids = omnibus.questions.map((q) => q.id);
    fc.assert(
      fc.property(answersArb(omnibus), answersArb(omnibus), fc.subarray(ids), (stored, later, unknownIds) => {
        const unknown = new Set(unknownIds);
        const known = Object.fromEntries(Object.entries(stored).filter(([id]) => !unknown.has(id)));
        const impact = tierImpact(omnibus, known, unknown);
        const completed = { ...known, ...Object.fromEntries(Object.entries(later).filter(([id]) => unknown.has(id))) };
        const tier: RiskTier = evaluateQuestionnaire(omnibus, completed).riskTier;
        expect(tierRank(tier)).toBeGreaterThanOrEqual(tierRank(impact.lowest));
        expect(tierRank(tier)).toBeLessThanOrEqual(tierRank(impact.highest));
      }),
      { numRuns: 500 },
    );
  });

  it('reaches every tier somewhere (the property above is not vacuous)', () => {
    const tiers = new Set(
      [baseline(), { ...baseline(), art50_deepfake: true }, { ...baseline(), annex1_safety_component: true }, { ...baseline(), art5_face_scraping: true }].map(
        (a) => evaluateQuestionnaire(omnibus, a).riskTier,
      ),
    );
    expect([...tiers].sort()).toEqual([...RISK_TIERS].sort());
  });
});
