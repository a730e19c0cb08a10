import type { ApprovalRoundOutcome } from '@aigov/domain/approval-quorum';

/**
 * Accepting a risk above the appetite: `POST /risks/{id}/acceptance` records the request
 * (acceptance `in_approval`) and starts `riskAcceptance` (id `risk-acceptance:<riskId>:<round>`),
 * which runs the approval round of the policy's `riskAcceptance` section and then applies its
 * outcome to the risk.
 */
export function riskAcceptanceWorkflowId(riskId: string, round: number): string {
  return `risk-acceptance:${riskId}:${round}`;
}

/** The hash-chained audit stream of one risk (its edits, ratings, acceptance rounds). */
export function riskAuditStreamId(riskId: string): string {
  return `risk:${riskId}`;
}

export interface RiskAcceptanceInput {
  riskId: string;
  round: number;
  /** how tasks and emails name it, e.g. "Risk acceptance: Prompt injection (high)" */
  label: string;
  requestedById: string;
  /** whoever last rated the risk: not asked, and refused by the validators */
  ratedById: string | null;
}

export interface RiskAcceptanceResult {
  outcome: ApprovalRoundOutcome;
  reason: string | null;
}

export interface RiskAcceptanceActivities {
  /**
   * Approved: the risk is accepted, `acceptedById` the approver whose decision completed the
   * round (read from the round's tasks); otherwise it goes back to `needs_approval` with the
   * reason. Audited on `risk:<id>` in the same transaction; idempotent per (risk, round).
   */
  applyRiskAcceptanceOutcome(input: { riskId: string; round: number; outcome: ApprovalRoundOutcome; reason: string | null }): Promise<{ applied: boolean }>;
}
