import fc from 'fast-check';
import { IMPACT_ASSESSMENT_TEMPLATE } from './impact-assessment.template';
import { assessRisk, validateAssessmentAnswers } from './risk-assessment';
import { RISK_TIERS, RiskTier } from './risk-tier';

/** Answers that clear every trigger. */
function baseline(): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of IMPACT_ASSESSMENT_TEMPLATE.questions) {
    if (q.type === 'boolean') answers[q.id] = false;
    else if (q.type === 'choice') answers[q.id] = q.options!.find((o) => o.value === 'none')?.value ?? q.options![0].value;
    else if (q.type === 'multi_choice') answers[q.id] = [];
    else answers[q.id] = 'documented';
  }
  return answers;
}

const rank = (t: RiskTier) => RISK_TIERS.indexOf(t);
const booleanIds = IMPACT_ASSESSMENT_TEMPLATE.questions.filter((q) => q.type === 'boolean').map((q) => q.id);

describe('risk tiering from impact assessment answers', () => {
  it('is minimal with a stated reason when nothing triggers', () => {
    const result = assessRisk(baseline());
    expect(result.riskTier).toBe('minimal');
    expect(result.reasons).toHaveLength(1);
    expect(result.reasons[0].code).toBe('none.no_trigger');
  });

  it('is prohibited for an Art. 5 practice, citing the article', () => {
    const result = assessRisk({ ...baseline(), art5_social_scoring: true });
    expect(result.riskTier).toBe('prohibited');
    expect(result.reasons.find((r) => r.tier === 'prohibited')?.reference).toMatch(/Art\. 5/);
  });

  it('is high for an Annex III area, citing the Annex III point', () => {
    const result = assessRisk({ ...baseline(), annex3_area: 'employment' });
    expect(result.riskTier).toBe('high');
    expect(result.reasons.find((r) => r.code === 'annex3.employment')?.reference).toMatch(/Annex III point 4/);
  });

  it('is high for an Annex I safety component', () => {
    expect(assessRisk({ ...baseline(), annex1_safety_component: true }).riskTier).toBe('high');
  });

  it('lowers an Annex III use to limited only with an Art. 6(3) derogation and no profiling', () => {
    const derogations = IMPACT_ASSESSMENT_TEMPLATE.questions.find((q) => q.id === 'art6_3_derogation')!.options!.filter((o) => o.value !== 'none');
    expect(derogations.length).toBeGreaterThan(0);
    const claimed = { ...baseline(), annex3_area: 'education', art6_3_derogation: derogations[0].value };
    expect(assessRisk(claimed).riskTier).toBe('limited');
    const profiling = assessRisk({ ...claimed, profiles_natural_persons: true });
    expect(profiling.riskTier).toBe('high');
    expect(profiling.reasons.find((r) => r.tier === 'high')?.text).toMatch(/profiles natural persons/);
  });

  it('is limited for an Art. 50 transparency case', () => {
    const result = assessRisk({ ...baseline(), art50_interacts_with_people: true });
    expect(result.riskTier).toBe('limited');
    expect(result.reasons.some((r) => r.reference.includes('Art. 50'))).toBe(true);
  });

  it('takes the highest tier of all its reasons, and keeps every reason', () => {
    const result = assessRisk({ ...baseline(), art50_interacts_with_people: true, annex3_area: 'employment', art5_social_scoring: true });
    expect(result.riskTier).toBe('prohibited');
    expect(result.reasons.map((r) => r.tier).sort()).toEqual(['high', 'limited', 'prohibited']);
  });

  it('never lowers the tier when one more yes is answered (monotonic)', () => {
    fc.assert(
      fc.property(fc.subarray(booleanIds), fc.constantFrom(...booleanIds), (yes, extra) => {
        const before = { ...baseline(), ...Object.fromEntries(yes.map((id) => [id, true])) };
        const after = { ...before, [extra]: true };
        expect(rank(assessRisk(after).riskTier)).toBeGreaterThanOrEqual(rank(assessRisk(before).riskTier));
      }),
    );
  });
});

describe('assessment answer validation', () => {
  it('accepts a complete, well-typed set of answers', () => {
    expect(validateAssessmentAnswers(baseline())).toEqual([]);
  });

  it('names the question of a missing, mistyped, unknown or out-of-range answer', () => {
    const { annex3_area: _gone, ...missing } = baseline();
    expect(validateAssessmentAnswers(missing)).toContainEqual(expect.objectContaining({ field: 'answers.annex3_area' }));
    expect(validateAssessmentAnswers({ ...baseline(), art5_social_scoring: 'yes' })).toEqual([
      { field: 'answers.art5_social_scoring', reason: 'must be true or false' },
    ]);
    expect(validateAssessmentAnswers({ ...baseline(), colour: 'blue' })).toEqual([
      { field: 'answers.colour', reason: 'is not a question of the current template' },
    ]);
    expect(validateAssessmentAnswers({ ...baseline(), annex3_area: 'astrology' })[0].field).toBe('answers.annex3_area');
    expect(validateAssessmentAnswers({ ...baseline(), vulnerable_groups: ['children', 'children'] })[0].reason).toBe('must not repeat a value');
  });

  it('refuses answers that are not an object', () => {
    for (const bad of [null, [], 'yes', 3]) expect(validateAssessmentAnswers(bad)[0].field).toBe('answers');
  });

  it('has unique question ids and options for every choice question', () => {
    const ids = IMPACT_ASSESSMENT_TEMPLATE.questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of IMPACT_ASSESSMENT_TEMPLATE.questions) {
      if (q.type === 'choice' || q.type === 'multi_choice') expect(q.options?.length).toBeGreaterThan(1);
    }
  });
});
