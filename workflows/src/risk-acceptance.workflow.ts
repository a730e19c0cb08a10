import { executeChild, proxyActivities } from '@temporalio/workflow';
import type { ApprovalSubject } from '@aigov/domain/approval-subject';
import type { ConflictOfInterest } from '@aigov/domain/segregation-of-duties';
import { subjectApprovalWorkflowId } from '@aigov/temporal/workflow-ids';
import { approvalRequest } from './approval-request.workflow';
import type { RiskAcceptanceActivities, RiskAcceptanceInput, RiskAcceptanceResult } from './risk-acceptance.contracts';

const activities = proxyActivities<RiskAcceptanceActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One round asked for to accept a risk above the appetite: the approval round of the policy's
 * `riskAcceptance` section, with whoever rated the risk and whoever asked excluded (not asked,
 * refused by the validators, named in the round's `approval.step_started` event), then the
 * outcome applied to the risk: accepted when approved, `needs_approval` again otherwise.
 */
export async function riskAcceptance(input: RiskAcceptanceInput): Promise<RiskAcceptanceResult> {
  const subject: ApprovalSubject = { kind: 'risk_acceptance', id: input.riskId, label: input.label };
  const conflicts: ConflictOfInterest[] = [];
  if (input.ratedById) conflicts.push({ id: input.ratedById, reason: 'risk_rater' });
  if (input.requestedById !== input.ratedById) conflicts.push({ id: input.requestedById, reason: 'acceptance_requester' });
  const round = await executeChild(approvalRequest, {
    workflowId: subjectApprovalWorkflowId(subject, input.round),
    args: [{ systemId: null, round: input.round, riskTier: null, submittedById: null, ownerId: null, subject, conflicts }],
  });
  await activities.applyRiskAcceptanceOutcome({ riskId: input.riskId, round: input.round, outcome: round.outcome, reason: round.reason });
  return { outcome: round.outcome, reason: round.reason };
}
