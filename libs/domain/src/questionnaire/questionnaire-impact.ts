import type { RiskReason, RiskTier } from '../risk-tier';
import { isValidAnswer } from './questionnaire-answers';
import { conditionQuestions, evaluateCondition, evaluateQuestionnaire, higherTier, ruleReason, tierRank } from './questionnaire-rules';
import type { QuestionnaireRules } from './questionnaire.types';

type Answers = Record<string, unknown>;

/**
 * The questions of `next` that stored answers do not settle: a question with no valid answer
 * that is new (not in `answeredQuestionIds`, the questions of the version the answers were
 * given to) or required. An optional question that was there and left empty stays empty: its
 * owner saw it. An answer that no longer fits (an option removed, a type changed) is unknown.
 * Without the earlier version's questions, every unanswered question is unknown.
 */
export function questionsToAsk(next: QuestionnaireRules, answers: Answers, answeredQuestionIds?: ReadonlySet<string>): Set<string> {
  const ask = new Set<string>();
  for (const q of next.questions) {
    const value = answers[q.id];
    if (isValidAnswer(q, value)) continue;
    const wasThere = answeredQuestionIds?.has(q.id) ?? false;
    const storedButInvalid = value !== undefined && value !== null;
    if (q.required || !wasThere || storedButInvalid) ask.add(q.id);
  }
  return ask;
}

/** What stored answers give under a version whose questions they may not all answer. */
export interface TierImpact {
  /** the tier the known answers give whatever the unknown ones are */
  lowest: RiskTier;
  /** the highest tier the unknown answers could still lead to */
  highest: RiskTier;
  /** reasons that apply whatever the unknown answers are */
  reasons: RiskReason[];
  /** rules that apply or not depending on unknown answers, with the questions that decide */
  possible: Array<{ ruleId: string; code: string; tier: RiskTier; questions: string[] }>;
  /** unknown questions whose answer could raise the tier above `lowest` */
  decidingQuestions: string[];
}

/**
 * Re-evaluates stored answers against a version, with the questions in `unknown` not yet
 * answered. Sound by construction: a rule that is 'yes' applies for every answer to the
 * unknown questions and a rule that is 'no' for none, so the tier the owner will get once they
 * answer lies in [lowest, highest]. It may be generous (two unknown answers that exclude each
 * other can both count as possible), never blind.
 */
export function tierImpact(q: QuestionnaireRules, answers: Answers, unknown: ReadonlySet<string>): TierImpact {
  if (unknown.size === 0) {
    const result = evaluateQuestionnaire(q, answers);
    return { lowest: result.riskTier, highest: result.riskTier, reasons: result.reasons, possible: [], decidingQuestions: [] };
  }
  const reasons: RiskReason[] = [];
  const possible: TierImpact['possible'] = [];
  let lowest: RiskTier = 'minimal';
  let highest: RiskTier = 'minimal';
  for (const rule of q.rules) {
    const t = evaluateCondition(rule.when, answers, unknown);
    if (t === 'yes') {
      reasons.push(ruleReason(rule, q, answers));
      lowest = higherTier(lowest, rule.tier);
      highest = higherTier(highest, rule.tier);
    } else if (t === 'maybe') {
      possible.push({ ruleId: rule.id, code: rule.code, tier: rule.tier, questions: [...conditionQuestions(rule.when)].filter((id) => unknown.has(id)) });
      highest = higherTier(highest, rule.tier);
    }
  }
  const deciding = new Set<string>();
  for (const p of possible) if (tierRank(p.tier) > tierRank(lowest)) p.questions.forEach((id) => deciding.add(id));
  return { lowest, highest, reasons, possible, decidingQuestions: q.questions.map((x) => x.id).filter((id) => deciding.has(id)) };
}

/** How a system's recorded tier compares with what a new version could give it. */
export interface TierChange {
  from: RiskTier | null;
  lowest: RiskTier;
  highest: RiskTier;
  /** the tier is settled by the stored answers (no unknown answer can move it) */
  certain: boolean;
  /** the tier will or could differ from `from` */
  affected: boolean;
}

export function compareTier(from: RiskTier | null, impact: Pick<TierImpact, 'lowest' | 'highest'>): TierChange {
  return {
    from,
    lowest: impact.lowest,
    highest: impact.highest,
    certain: impact.lowest === impact.highest,
    affected: impact.lowest !== from || impact.highest !== from,
  };
}
