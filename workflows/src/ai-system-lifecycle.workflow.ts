import { allHandlersFinished, condition, continueAsNew, patched, workflowInfo } from '@temporalio/workflow';
import type { LifecycleInput, LifecycleView } from './lifecycle.types';
import { runApprovalRound } from './lifecycle/approval-rounds';
import { installDeploymentHandler } from './lifecycle/deployment.handlers';
import { createLifecycleContext } from './lifecycle/lifecycle-context';
import { PATCH_OVERDUE_REVIEWS } from './lifecycle/lifecycle-patches';
import { installProposeMaterialChangeHandler, installWithdrawMaterialChangeHandler } from './lifecycle/material-change.handlers';
import { installMonitoringHandler } from './lifecycle/monitoring.handlers';
import { installReviewDecisionHandler, superviseOpenReview } from './lifecycle/periodic-review.handlers';
import { installAssessmentHandlers, queueRegistration } from './lifecycle/registration-assessment.handlers';
import { installRetirementHandlers, installRollbackHandler } from './lifecycle/rollback-retirement.handlers';
import { installStateSyncHandlers } from './lifecycle/state-sync.handlers';

/**
 * One durable workflow per AI system (id `ai-system:<uuid>`): the single source of truth for
 * its lifecycle stage. Every human action is an Update whose validator consults the
 * transition table, so a refused action leaves no history and the API can answer 409.
 * The handlers live in ./lifecycle/, one module per concern, over one shared context.
 */
export async function aiSystemLifecycle(input: LifecycleInput): Promise<LifecycleView> {
  const ctx = createLifecycleContext(input);
  const { state } = ctx;

  // The registration is queued before any handler exists: an Update delivered with the start
  // (the API's sync right after starting) must find it as change 1, not overtake it.
  const registered = input.carried ? undefined : queueRegistration(ctx, input.registration!);

  // All in this first synchronous turn, and in this order: Updates that arrive with the first
  // workflow task are buffered and dispatched in the order their handlers are installed.
  installStateSyncHandlers(ctx);
  installAssessmentHandlers(ctx);
  installDeploymentHandler(ctx);
  installMonitoringHandler(ctx);
  installRollbackHandler(ctx);
  installWithdrawMaterialChangeHandler(ctx);
  installRetirementHandlers(ctx);
  installProposeMaterialChangeHandler(ctx);
  installReviewDecisionHandler(ctx);

  // Not while a change's approval round (a child that continueAsNew would end) is running.
  const readyToContinueAsNew = () => ctx.changeRound === null && (state.cyclesThisRun > 0 || workflowInfo().continueAsNewSuggested);

  await registered;

  for (;;) {
    const stage = state.stage;
    if (stage === 'approval' && state.settledRound < state.approvalRound) {
      await runApprovalRound(ctx);
    } else if (stage === 'operation') {
      if (readyToContinueAsNew()) {
        // Review-cycle boundary: start a fresh history so years of reviews stay bounded.
        await condition(() => allHandlersFinished() && ctx.persistedSeq >= state.seq);
        if (state.stage === 'operation') {
          await continueAsNew<typeof aiSystemLifecycle>({ systemId: state.systemId, carried: { ...state, cyclesThisRun: 0 } });
        }
        continue;
      }
      const schedule = state.reviewSchedule;
      const interrupt = () => state.stage !== 'operation' || state.reviewSchedule !== schedule || readyToContinueAsNew();
      if (state.reviewDelayMs === null) {
        await condition(interrupt);
      } else if (!(await condition(interrupt, Math.max(state.reviewDelayMs, 1)))) {
        await ctx.openReview('review_due', 'periodic review due');
      }
    } else if (
      stage === 'periodic_review' &&
      state.openReviewTaskId &&
      state.openReviewDueInMs !== null &&
      state.openReviewDueInMs !== undefined &&
      patched(PATCH_OVERDUE_REVIEWS)
    ) {
      await superviseOpenReview(ctx);
    } else if (stage === 'retired') {
      // A withdrawn change's round still reports back; the run ends once the change is returned.
      await condition(() => !state.change?.withdrawing && allHandlersFinished() && ctx.persistedSeq >= state.seq);
      return ctx.view();
    } else {
      await condition(() => state.stage !== stage || (state.stage === 'approval' && state.settledRound < state.approvalRound));
    }
  }
}
