import { exceedsAppetite, RiskMatrix } from './risk-matrix';

/** The unified risk register (ISO/IEC 27001 and 42001 6.1.2-6.1.3, EU AI Act Art. 9): its vocabularies and its rules. */
export const RISK_SOURCES = ['information_security', 'ai', 'both'] as const;
export type RiskSource = (typeof RISK_SOURCES)[number];

export const RISK_TREATMENTS = ['mitigate', 'accept', 'avoid', 'transfer'] as const;
export type RiskTreatment = (typeof RISK_TREATMENTS)[number];

/**
 * draft: proposed (by an impact assessment, say) and not rated yet; open: rated and being
 * treated; accepted: its residual risk accepted by someone other than its rater; closed.
 */
export const RISK_STATUSES = ['draft', 'open', 'accepted', 'closed'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

/**
 * Where an acceptance above the appetite stands. `needs_approval`: the acceptance was asked for
 * and waits for an approval round (policy section `riskAcceptance`, built on the generalised
 * approval round); `approved` / `rejected`: the round's outcome.
 */
export const RISK_ACCEPTANCE_STATES = ['needs_approval', 'approved', 'rejected'] as const;
export type RiskAcceptanceState = (typeof RISK_ACCEPTANCE_STATES)[number];

/** Why accepting a risk is refused right now; the API answers with the status and the field. */
export type RiskAcceptanceRefusal =
  | { kind: 'not_rated'; message: string; field: string }
  | { kind: 'rater'; message: string; field: string }
  | { kind: 'above_appetite'; message: string; field: string };

/**
 * May `acceptorId` accept this risk's residual rating without an approval round? Whoever rated
 * the risk never accepts it (segregation of duties, ISO/IEC 27001 A.5.3); a residual rating
 * above the appetite needs an approval round.
 */
export function checkRiskAcceptance(
  matrix: RiskMatrix,
  risk: { residualRating: string | null; ratedById: string | null },
  acceptorId: string,
): RiskAcceptanceRefusal | null {
  if (!risk.residualRating) {
    return { kind: 'not_rated', message: 'rate the residual risk (residualLikelihood and residualImpact) before accepting it', field: 'treatment' };
  }
  if (risk.ratedById === acceptorId) {
    return { kind: 'rater', message: 'whoever rated a risk cannot accept it; someone else must', field: 'treatment' };
  }
  if (exceedsAppetite(matrix, risk.residualRating)) {
    return {
      kind: 'above_appetite',
      message: `the residual rating '${risk.residualRating}' is above the risk appetite '${matrix.appetite}': accepting it needs an approval round`,
      field: 'treatment',
    };
  }
  return null;
}

/** The key that makes a draft proposed by an impact assessment unique: system, assessment version, trigger. */
export function riskDraftKey(aiSystemId: string, assessmentVersion: number, reasonCode: string): string {
  return `${aiSystemId}:${assessmentVersion}:${reasonCode}`;
}
