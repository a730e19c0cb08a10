import { Quorum } from './governance-policy.types';

export const APPROVAL_DECISIONS = ['approve', 'reject', 'request_changes'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

export const REVIEW_DECISIONS = ['continue', 'remediate', 'rollback', 'retire'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export interface CastDecision {
  userId: string;
  decision: ApprovalDecision;
}

export type StepOutcome = 'pending' | 'approved' | 'rejected' | 'changes_requested';

/**
 * How an approval round ended, named for what happened: `no_eligible_approvers` when a required
 * step could not reach its quorum with the people eligible; `withdrawn` when the round was
 * called off (a material change withdrawn, or its system retired).
 */
export const APPROVAL_ROUND_OUTCOMES = ['approved', 'rejected', 'changes_requested', 'expired', 'no_eligible_approvers', 'withdrawn'] as const;
export type ApprovalRoundOutcome = (typeof APPROVAL_ROUND_OUTCOMES)[number];

/** How many distinct approvals a quorum needs from a group of `eligibleCount` people. */
export function requiredApprovals(quorum: Quorum, eligibleCount: number): number {
  return quorum.kind === 'all' ? eligibleCount : quorum.count;
}

export function isQuorumReachable(quorum: Quorum, eligibleCount: number): boolean {
  return eligibleCount > 0 && requiredApprovals(quorum, eligibleCount) <= eligibleCount;
}

/**
 * The state of one approval step. Only eligible people count, each once (their first
 * decision); the first rejection or change request settles the step negatively, because one
 * informed objection outweighs any number of approvals in a governance gate.
 */
export function evaluateStep(quorum: Quorum, eligibleApproverIds: string[], decisions: CastDecision[]): StepOutcome {
  const eligible = new Set(eligibleApproverIds);
  const counted = new Set<string>();
  let approvals = 0;
  for (const d of decisions) {
    if (!eligible.has(d.userId) || counted.has(d.userId)) continue;
    counted.add(d.userId);
    if (d.decision === 'reject') return 'rejected';
    if (d.decision === 'request_changes') return 'changes_requested';
    approvals += 1;
  }
  if (!isQuorumReachable(quorum, eligible.size)) return 'pending';
  return approvals >= requiredApprovals(quorum, eligible.size) ? 'approved' : 'pending';
}
