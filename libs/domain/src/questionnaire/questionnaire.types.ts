import type { RiskTier } from '../risk-tier';

/**
 * The impact assessment questionnaire as versioned data (config/questionnaire/*.json and the
 * versions the governance office publishes): the questions, and the rules that turn answers
 * into a risk tier with its reasons. A published version never changes; a law that changes
 * gets a new version, and the systems whose tier it could change are asked to re-assess.
 */

export const QUESTION_TYPES = ['boolean', 'choice', 'multi_choice', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface QuestionOption {
  value: string;
  label: string;
}

export interface QuestionDefinition {
  /** stable: answers are stored by it; a question whose meaning changes gets a new id */
  id: string;
  section: string;
  text: string;
  help?: string;
  type: QuestionType;
  /** choice and multi_choice only */
  options?: QuestionOption[];
  required: boolean;
}

/**
 * When a rule applies. Atoms look at one answer and are false while it is unanswered:
 * `equals` (a boolean or choice answer is the value; a multi_choice answer contains it),
 * `in` (a choice answer is one of the values; a multi_choice answer contains one of them),
 * `answered` (there is a non-empty answer). `all`, `any` and `not` combine them.
 */
export type RuleCondition =
  | { question: string; equals: boolean | string }
  | { question: string; in: string[] }
  | { question: string; answered: true }
  | { all: RuleCondition[] }
  | { any: RuleCondition[] }
  | { not: RuleCondition };

/**
 * One way to a tier: when `when` holds, the reason (code, text, reference) is recorded with
 * `tier`. `code`, `text` and `reference` may name answers: `{value:<id>}` (the answer as
 * stored), `{words:<id>}` (the same with underscores as spaces) and `{label:<id>}` (the chosen
 * options' labels); a multi_choice answer is joined with ", ".
 */
export interface TierRule {
  /** stable and unique in the version: diffs match rules by it */
  id: string;
  /** the reason's code, e.g. 'art5.social_scoring' (several rules may share one) */
  code: string;
  tier: RiskTier;
  /** the question the reason points at */
  questionId: string;
  when: RuleCondition;
  text: string;
  reference: string;
}

/** The reason recorded when no rule applies (tier minimal). */
export interface FallbackReason {
  code: string;
  questionId: string;
  text: string;
  reference: string;
}

/** What the engine needs to check answers and derive the tier: the workflow receives this much. */
export interface QuestionnaireRules {
  version: string;
  questions: Array<Pick<QuestionDefinition, 'id' | 'type' | 'required' | 'options'>>;
  rules: TierRule[];
  otherwise: FallbackReason;
}

export interface QuestionnaireDefinition extends QuestionnaireRules {
  /** e.g. 'Impact assessment questionnaire' */
  title: string;
  /** why this version exists (the law or standard that changed), for people */
  note?: string;
  questions: QuestionDefinition[];
}

/** Bounds a definition must stay within (a version is a document people read, not a data dump). */
export const QUESTIONNAIRE_LIMITS = {
  questions: 200,
  options: 50,
  rules: 500,
  conditionDepth: 8,
  conditionAtoms: 50,
  shortText: 200,
  longText: 2000,
} as const;

/** A version label: '2026-11.1', 'omnibus-2026.2'. Safe in a URL path. */
export const QUESTIONNAIRE_VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
export const QUESTION_ID_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
export const OPTION_VALUE_PATTERN = /^[a-z0-9][a-z0-9_]{0,63}$/;

/** A problem in a definition, naming the field path (e.g. 'questions[3].options[1].value'). */
export class QuestionnaireValidationError extends Error {
  override readonly name = 'QuestionnaireValidationError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`invalid questionnaire: ${field || '(root)'}: ${reason}`);
  }
}

/** Where a version stands: drafted, in its publication round, the current one, or an earlier one. */
export const QUESTIONNAIRE_VERSION_STATUSES = ['draft', 'in_approval', 'published', 'superseded'] as const;
export type QuestionnaireVersionStatus = (typeof QUESTIONNAIRE_VERSION_STATUSES)[number];
