import { executeChild, getExternalWorkflowHandle } from '@temporalio/workflow';
import { isMaterialChangeOpen, materialChangeStatusAfterRound } from '@aigov/domain/material-change';
import { LifecycleAction } from '@aigov/domain/lifecycle-transition.table';
import { ApprovableRiskTier } from '@aigov/domain/risk-tier';
import type { ConflictOfInterest } from '@aigov/domain/segregation-of-duties';
import { approvalWorkflowId } from '@aigov/temporal/workflow-ids';
import { approvalRequest } from '../approval-request.workflow';
import { withdrawApprovalSignal } from '../lifecycle.definitions';
import type { ApprovalRoundOutcome, MaterialChangeState } from '../lifecycle.types';
import type { LifecycleContext } from './lifecycle-context';

/**
 * The lifecycle action each round outcome takes, named for what happened (it is the `action`
 * of the `ai_system.stage_changed` audit event and of the stage transition row).
 *
 * No patch guards the two names added for `no_eligible_approvers` and `withdrawn` (formerly
 * recorded as `approval_expired` and `approval_changes_requested`): both still lead from
 * approval to design, so the same applyLifecycleChange activity is scheduled in the same
 * place; only its input differs, and replay does not compare activity inputs.
 */
export const ROUND_OUTCOME_ACTIONS: Record<ApprovalRoundOutcome, LifecycleAction> = {
  approved: 'approval_granted',
  rejected: 'approval_rejected',
  changes_requested: 'approval_changes_requested',
  expired: 'approval_expired',
  no_eligible_approvers: 'approval_no_eligible_approvers',
  // only a material change's round is ever withdrawn; were a main round, it goes back to design
  withdrawn: 'approval_withdrawn',
};

function startRound(ctx: LifecycleContext, round: number, conflicts?: ConflictOfInterest[]) {
  const { state } = ctx;
  return executeChild(approvalRequest, {
    workflowId: approvalWorkflowId(state.systemId, round),
    args: [
      {
        systemId: state.systemId,
        round,
        riskTier: state.riskTier as ApprovableRiskTier,
        submittedById: state.submittedById,
        ownerId: state.ownerId,
        ...(conflicts?.length ? { conflicts } : {}),
      },
    ],
  });
}

/** The system's own approval round (stage 'approval'): its outcome moves the stage. */
export async function runApprovalRound(ctx: LifecycleContext): Promise<void> {
  const round = ctx.state.approvalRound;
  const result = await startRound(ctx, round);
  await ctx.transition(ROUND_OUTCOME_ACTIONS[result.outcome], null, result.reason ?? `approval round ${round}: ${result.outcome}`, {
    auditPayload: { round, outcome: result.outcome },
  });
  ctx.state.settledRound = round;
}

/** A material change's round, beside operation: its outcome is the change's status, not a stage. */
async function runChangeRound(ctx: LifecycleContext): Promise<void> {
  const { state } = ctx;
  const change = state.change!;
  const round = state.approvalRound;
  // Whoever proposed the change and whoever answered its impact assessment do not approve it.
  const conflicts: ConflictOfInterest[] = [];
  if (change.proposedById) conflicts.push({ id: change.proposedById, reason: 'change_proposer' });
  if (change.assessedById) conflicts.push({ id: change.assessedById, reason: 'change_assessor' });
  const result = await startRound(ctx, round, conflicts);
  const decided = materialChangeStatusAfterRound(result.outcome);
  // Called off while the round was ending (it approved before the withdrawal reached it):
  // the change is still returned, never left approved on a system that withdrew it.
  const status = change.withdrawing && isMaterialChangeOpen(decided) ? 'returned' : decided;
  change.status = status;
  await ctx.persist({
    transition: null,
    actor: null,
    projection: {},
    materialChangeUpdate: { id: change.id, status },
    audit: [ctx.audit(`material_change.${status}`, null, { changeId: change.id, version: change.version, round, outcome: result.outcome, reason: result.reason })],
  });
  if (!isMaterialChangeOpen(status)) state.change = null;
  state.settledRound = round;
}

/** Starts the change's round in the background; ctx.changeRound is set while it runs. */
export function startChangeRound(ctx: LifecycleContext): void {
  ctx.changeRound = runChangeRound(ctx).then(() => {
    ctx.changeRound = null;
  });
}

/** Calls off a change's running approval round; runChangeRound then returns the change. */
export async function withdrawChangeRound(ctx: LifecycleContext, change: MaterialChangeState, round: number, reason: string): Promise<void> {
  change.withdrawing = true;
  try {
    await getExternalWorkflowHandle(approvalWorkflowId(ctx.state.systemId, round)).signal(withdrawApprovalSignal, { reason });
  } catch {
    // The round had already ended; runChangeRound is applying its result and returns the change.
  }
}
