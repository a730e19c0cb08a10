import { RISK_TIERS, RiskAssessmentResult, RiskReason, RiskTier } from '../risk-tier';
import type { QuestionnaireRules, RuleCondition, TierRule } from './questionnaire.types';

/**
 * Three-valued truth (Kleene): a condition over answers that are not all known yet is 'yes'
 * whatever the unknown answers turn out to be, 'no' likewise, or 'maybe'. With every answer
 * known (an assessment being submitted) it is never 'maybe'.
 */
export type Truth = 'yes' | 'no' | 'maybe';

type Answers = Record<string, unknown>;

const and = (a: Truth, b: Truth): Truth => (a === 'no' || b === 'no' ? 'no' : a === 'maybe' || b === 'maybe' ? 'maybe' : 'yes');
const or = (a: Truth, b: Truth): Truth => (a === 'yes' || b === 'yes' ? 'yes' : a === 'maybe' || b === 'maybe' ? 'maybe' : 'no');
const not = (a: Truth): Truth => (a === 'yes' ? 'no' : a === 'no' ? 'yes' : 'maybe');
const truth = (b: boolean): Truth => (b ? 'yes' : 'no');

function hasAnswer(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value.trim().length > 0;
  return true;
}

/**
 * Evaluates a condition. Atoms on a question in `unknown` are 'maybe'; on any other question
 * they read the answer (an unanswered question makes an atom false).
 */
export function evaluateCondition(c: RuleCondition, answers: Answers, unknown: ReadonlySet<string> = NO_UNKNOWNS): Truth {
  if ('all' in c) return c.all.reduce<Truth>((t, x) => and(t, evaluateCondition(x, answers, unknown)), 'yes');
  if ('any' in c) return c.any.reduce<Truth>((t, x) => or(t, evaluateCondition(x, answers, unknown)), 'no');
  if ('not' in c) return not(evaluateCondition(c.not, answers, unknown));
  if (unknown.has(c.question)) return 'maybe';
  const value = answers[c.question];
  if ('answered' in c) return truth(hasAnswer(value));
  const wanted = 'equals' in c ? [c.equals] : c.in;
  if (Array.isArray(value)) return truth(value.some((v) => wanted.includes(v)));
  return truth(value !== undefined && value !== null && wanted.includes(value as string | boolean));
}

const NO_UNKNOWNS: ReadonlySet<string> = new Set();

/** The questions a condition looks at. */
export function conditionQuestions(c: RuleCondition, into: Set<string> = new Set()): Set<string> {
  if ('all' in c) c.all.forEach((x) => conditionQuestions(x, into));
  else if ('any' in c) c.any.forEach((x) => conditionQuestions(x, into));
  else if ('not' in c) conditionQuestions(c.not, into);
  else into.add(c.question);
  return into;
}

const PLACEHOLDER = /\{(value|words|label):([a-z][a-z0-9_]*)\}/g;

/** Fills `{value:q}`, `{words:q}` and `{label:q}` from the answers (see TierRule). */
export function fillPlaceholders(template: string, q: QuestionnaireRules, answers: Answers): string {
  return template.replace(PLACEHOLDER, (_, kind: string, id: string) => {
    const raw = answers[id];
    const values = (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw]).map(String);
    if (kind === 'value') return values.join(', ');
    if (kind === 'words') return values.join(', ').replace(/_/g, ' ');
    const options = q.questions.find((question) => question.id === id)?.options ?? [];
    return values.map((v) => options.find((o) => o.value === v)?.label ?? v).join(', ');
  });
}

/** Every placeholder a template names, as [kind, questionId]. */
export function placeholdersOf(template: string): Array<[string, string]> {
  return [...template.matchAll(PLACEHOLDER)].map((m) => [m[1], m[2]]);
}

export const tierRank = (tier: RiskTier): number => RISK_TIERS.indexOf(tier);
export const higherTier = (a: RiskTier, b: RiskTier): RiskTier => (tierRank(b) > tierRank(a) ? b : a);

export function ruleReason(rule: TierRule, q: QuestionnaireRules, answers: Answers): RiskReason {
  return {
    code: fillPlaceholders(rule.code, q, answers),
    tier: rule.tier,
    questionId: rule.questionId,
    text: fillPlaceholders(rule.text, q, answers),
    reference: fillPlaceholders(rule.reference, q, answers),
  };
}

/**
 * The risk tier these (validated) answers give under a questionnaire version, with every
 * reason in the version's rule order; the tier is the most severe reason's. When no rule
 * applies, the version's `otherwise` reason, tier minimal.
 */
export function evaluateQuestionnaire(q: QuestionnaireRules, answers: Answers): RiskAssessmentResult {
  const reasons = q.rules.filter((rule) => evaluateCondition(rule.when, answers) === 'yes').map((rule) => ruleReason(rule, q, answers));
  if (reasons.length === 0) {
    reasons.push({ ...q.otherwise, tier: 'minimal', text: fillPlaceholders(q.otherwise.text, q, answers), reference: fillPlaceholders(q.otherwise.reference, q, answers) });
  }
  return { riskTier: reasons.reduce<RiskTier>((tier, r) => higherTier(tier, r.tier), 'minimal'), reasons };
}
