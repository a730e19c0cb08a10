/** EU AI Act style risk tiers, from least to most restricted. */
export const RISK_TIERS = ['minimal', 'limited', 'high', 'prohibited'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

/** Tiers that may be approved; a prohibited system is rejected without an approval round. */
export const APPROVABLE_RISK_TIERS = ['minimal', 'limited', 'high'] as const;
export type ApprovableRiskTier = (typeof APPROVABLE_RISK_TIERS)[number];

/** One reason behind a tier: which answer triggered it and which rule it cites. */
export interface RiskReason {
  /** stable code, e.g. 'art5.social_scoring' or 'annex3.employment' */
  code: string;
  /** the tier this reason alone would lead to */
  tier: RiskTier;
  /** the question whose answer triggered it */
  questionId: string;
  /** a sentence for people */
  text: string;
  /** the legal or standard reference, e.g. 'EU AI Act Art. 5(1)(c)' */
  reference: string;
}

export interface RiskAssessmentResult {
  riskTier: RiskTier;
  reasons: RiskReason[];
}

export function isRiskTier(value: unknown): value is RiskTier {
  return typeof value === 'string' && (RISK_TIERS as readonly string[]).includes(value);
}
