import { condition, patched, setHandler } from '@temporalio/workflow';
import { REVIEW_DECISIONS } from '@aigov/domain/approval-quorum';
import { isoDurationToApproxMs } from '@aigov/domain/iso-duration';
import { emptyRetirementChecklist } from '@aigov/domain/retirement-checklist';
import { reviewChecklistProblem, reviewFindings } from '@aigov/domain/review-checklist';
import { monitoringBreaches, recordedMonitoringChecksProblem } from '@aigov/domain/monitoring-plan-checks';
import { activities, mailActivities } from '../activity-options';
import { decideReviewUpdate } from '../lifecycle.definitions';
import { badRequest, conflict, forbidden, notFound } from '../refusal';
import type { LifecycleContext } from './lifecycle-context';
import { PATCH_REVIEW_POLICY_ON_ESCALATION } from './lifecycle-patches';
import { beginRetirement, doRollback } from './rollback-retirement.handlers';

/**
 * The owner's decision on an open periodic review: continue or remediate (back to operation,
 * next review scheduled; a remediation opens a corrective action as its own PDCA workflow),
 * roll back, or retire. The review itself is opened by the main loop's timer or by a
 * monitoring event (ctx.openReview).
 */
export function installReviewDecisionHandler(ctx: LifecycleContext): void {
  const { state } = ctx;

  setHandler(
    decideReviewUpdate,
    async ({ actor, taskId, decision, comment, checklist, evidence, correctiveAction, monitoringChecks }) => {
      const closeTask = {
        taskId,
        status: 'decided' as const,
        decision,
        comment,
        decidedById: actor.userId,
        ...(checklist ? { checklist, evidence: evidence ?? [] } : {}),
        // Payload only (no command changes): histories from before monitoring plans replay unchanged.
        ...(monitoringChecks ? { monitoringChecks } : {}),
      };
      const decided = ctx.audit('review.decided', actor, {
        taskId,
        decision,
        comment,
        cycle: state.reviewCycle + 1,
        ...(checklist ? { findings: reviewFindings(checklist), evidence: evidence ?? [] } : {}),
        ...(monitoringChecks ? { monitoringPlanVersion: monitoringChecks.planVersion, monitoringBreaches: monitoringBreaches(monitoringChecks) } : {}),
      });
      state.reviewCycle += 1;
      if (decision === 'remediate') {
        // The system keeps running; the corrective action is its own PDCA workflow.
        const policy = await ctx.tierPolicy();
        const action = correctiveAction!;
        const itemId = await ctx.openPdcaItem({
          kind: 'corrective_action',
          title: action.title,
          description: action.description,
          source: { type: 'review', id: taskId },
          ownerId: action.ownerId,
          due: action.dueAt ? { at: action.dueAt } : { within: policy.review.dueWithin },
          createdBy: actor,
        });
        const applied = await ctx.transition('review_remediate', actor, comment, {
          closeTask: ctx.takeOpenReviewTask(closeTask),
          audit: [decided, ctx.audit('corrective_action.opened', actor, { pdcaItemId: itemId, taskId, title: action.title, ownerId: action.ownerId })],
          scheduleReviewIn: policy.review.cadence,
        });
        ctx.scheduleReview(applied);
        state.cyclesThisRun += 1;
      } else if (decision === 'continue') {
        const policy = await ctx.tierPolicy();
        const applied = await ctx.transition('review_continue', actor, comment || 'periodic review passed', {
          closeTask: ctx.takeOpenReviewTask(closeTask),
          audit: [decided],
          scheduleReviewIn: policy.review.cadence,
        });
        ctx.scheduleReview(applied);
        state.cyclesThisRun += 1;
      } else if (decision === 'rollback') {
        await doRollback(ctx, 'review_rollback', actor, comment || 'periodic review decided to roll back', null, closeTask);
      } else {
        await beginRetirement(ctx, 'review_retire', actor, comment || 'periodic review decided to retire', emptyRetirementChecklist(), closeTask);
      }
      return ctx.view();
    },
    {
      validator: ({ actor, taskId, decision, checklist, correctiveAction, monitoringChecks }) => {
        if (state.stage !== 'periodic_review' || !state.openReviewTaskId) {
          conflict(`there is no open periodic review; the system is in '${state.stage}'`);
        }
        if (taskId !== state.openReviewTaskId) notFound(`task ${taskId} is not this system's open review task`, 'taskId');
        if (actor.userId !== state.openReviewAssigneeId) forbidden('only the assignee may decide this review', 'taskId');
        if (!(REVIEW_DECISIONS as readonly string[]).includes(decision)) {
          badRequest(`decision must be one of ${REVIEW_DECISIONS.join(', ')}`, 'decision');
        }
        if (checklist !== undefined && checklist !== null) {
          const problem = reviewChecklistProblem(decision, checklist);
          if (problem) badRequest(problem.reason, problem.field);
        }
        if (decision === 'remediate' && !correctiveAction) badRequest('remediate needs the corrective action to open', 'correctiveAction');
        // The API checked them against the plan; the record carries each threshold, so a breach
        // without its note or action is refused here too (validators do not run on replay).
        if (monitoringChecks !== undefined && monitoringChecks !== null) {
          const problem = recordedMonitoringChecksProblem(decision, monitoringChecks);
          if (problem) badRequest(problem.reason, problem.field);
        }
      },
    },
  );
}

/**
 * An open review that passes its due date reminds its assignee; left open for the policy's
 * escalation delay after that, it is escalated. Returns when something changed.
 */
export async function superviseOpenReview(ctx: LifecycleContext): Promise<void> {
  const { state } = ctx;
  const taskId = state.openReviewTaskId!;
  const nudges = state.reviewNudges ?? 0;
  const gone = () => state.stage !== 'periodic_review' || state.openReviewTaskId !== taskId;
  if (nudges >= 2) {
    await condition(gone);
    return;
  }
  // The policy is needed only to escalate; openReview has just read it for the reminder's due
  // date. Runs recorded before the patch read it at the reminder step too.
  const policy = nudges > 0 || !patched(PATCH_REVIEW_POLICY_ON_ESCALATION) ? await ctx.tierPolicy() : null;
  const wait = policy && nudges > 0 ? isoDurationToApproxMs(policy.review.escalateAfterDue ?? policy.review.dueWithin) : Math.max(state.openReviewDueInMs ?? 0, 1);
  if (await condition(gone, wait)) return;
  state.reviewNudges = nudges + 1;
  const field = nudges === 0 ? ('reminded' as const) : ('escalated' as const);
  await ctx.persist({
    transition: null,
    actor: null,
    projection: {},
    markTask: { taskId, field },
    audit: [ctx.audit(nudges === 0 ? 'review.overdue_reminded' : 'review.escalated', null, { taskId, cycle: state.reviewCycle + 1 })],
  });
  if (!policy || nudges === 0) {
    await mailActivities.sendTaskPrompt({ taskId, kind: 'reminder' });
  } else {
    await activities.notify({
      key: `review-escalation:${taskId}`,
      recipients: { selector: policy.review.escalateTo ?? policy.approval.escalateTo },
      systemId: state.systemId,
      subject: `Overdue periodic review #${state.reviewCycle + 1}`,
      text: `The periodic review #${state.reviewCycle + 1} of this AI system is overdue and still open with its assignee. Please follow up, or reassign it.`,
    });
  }
}
