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
 * Where an acceptance above the appetite stands. `in_approval`: its approval round (policy
 * section `riskAcceptance`, workflow `riskAcceptance`) runs; `approved`: the round approved it
 * and the risk is accepted; `needs_approval`: a round ended without approval (rejected, changes
 * requested, expired) and another may be asked for. `rejected` is kept for rows written before
 * rounds existed.
 */
export const RISK_ACCEPTANCE_STATES = ['needs_approval', 'in_approval', 'approved', 'rejected'] as const;
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

/** Why asking for an acceptance round is refused: 400 not rated, 409 otherwise. */
export type RiskAcceptanceRequestRefusal =
  | { kind: 'not_rated'; message: string; field: string }
  | { kind: 'within_appetite'; message: string; field: string }
  | { kind: 'in_approval'; message: string; field: string }
  | { kind: 'not_open'; message: string; field: string };

/**
 * May an approval round be asked for to accept this risk? Only for an open risk whose residual
 * rating is above the appetite and that is not in a round already; within the appetite a plain
 * PATCH accepts it. Who may ask is the access policy's `risk.request_acceptance`.
 */
export function checkRiskAcceptanceRequest(
  matrix: RiskMatrix,
  risk: { status: RiskStatus; residualRating: string | null; acceptance: RiskAcceptanceState | null },
): RiskAcceptanceRequestRefusal | null {
  if (risk.acceptance === 'in_approval') {
    return { kind: 'in_approval', message: 'this risk’s acceptance is already in its approval round; wait for its outcome', field: 'acceptance' };
  }
  if (risk.status !== 'open') {
    return { kind: 'not_open', message: `a risk that is ${risk.status} is not put to an acceptance round; only an open, rated risk is`, field: 'status' };
  }
  if (!risk.residualRating) {
    return { kind: 'not_rated', message: 'rate the residual risk (residualLikelihood and residualImpact) before asking to accept it', field: 'residualRating' };
  }
  if (!exceedsAppetite(matrix, risk.residualRating)) {
    return {
      kind: 'within_appetite',
      message: `the residual rating '${risk.residualRating}' is within the risk appetite '${matrix.appetite}': accept it with PATCH /risks/{id} and treatment 'accept', no approval round needed`,
      field: 'residualRating',
    };
  }
  return null;
}
