import { allHandlersFinished, condition } from '@temporalio/workflow';
import { isQuorumReachable, requiredApprovals } from '@aigov/domain/approval-quorum';
import type { ApprovableRiskTier } from '@aigov/domain/risk-tier';
import { dbActivities } from './activity-options';
import type { ApprovalRequestInput, ApprovalRoundResult } from './lifecycle.types';
import { ApprovalRoundContext, approverConflicts, createApprovalRoundContext, NEGATIVE, OpenStep } from './approval-round/approval-round-context';
import { closeOpen, openTasks, runStep } from './approval-round/approval-step';
import { installApprovalTaskHandlers } from './approval-round/approval-task.handlers';

/**
 * One approval round (child of the lifecycle workflow, id `approval:<system>:<round>`, or of a
 * governed record's workflow for another subject, id `approval:<kind>:<id>:<round>`): the
 * policy's steps in sequence, each with its own approvers and quorum, with durable reminder,
 * escalation and expiry timers. Decisions are Updates, so a second click on the same task is
 * refused by the validator and counted once. The handlers and the step runner live in
 * ./approval-round/.
 */
export async function approvalRequest(input: ApprovalRequestInput): Promise<ApprovalRoundResult> {
  const ctx: ApprovalRoundContext = createApprovalRoundContext(input);
  installApprovalTaskHandlers(ctx);

  // An AI system's round runs its tier's policy; other subjects have their own section (soa, ...).
  const policy =
    ctx.subject.kind === 'ai_system'
      ? await dbActivities().getTierPolicy(input.riskTier as ApprovableRiskTier)
      : { approval: await dbActivities().getSubjectApprovalPolicy(ctx.subject.kind) };
  ctx.policy = policy;
  const policySteps = policy.approval.steps;
  const conflicts = approverConflicts(input);

  let result: ApprovalRoundResult = { outcome: 'approved', reason: null };
  for (let index = 0; index < policySteps.length; index++) {
    if (ctx.withdrawn !== null) {
      // withdrawn between steps (or before the first): no tasks are open, nobody else is asked
      await ctx.inOrder(() =>
        dbActivities().closeApprovalTasks({
          systemId: ctx.systemId,
          taskIds: [],
          status: 'cancelled',
          audit: ctx.audit('approval.withdrawn', null, { round: input.round, step: policySteps[index].name, reason: ctx.withdrawn }),
        }),
      );
      result = { outcome: 'withdrawn', reason: ctx.withdrawn };
      break;
    }
    const stepPolicy = policySteps[index];
    const required = stepPolicy.required !== false;
    const ask = stepPolicy.quorum.kind === 'count' ? stepPolicy.quorum.of : undefined;
    const resolved = await dbActivities().resolveApprovers({ systemId: ctx.systemId, selector: stepPolicy.approvers, conflicts, ask });
    let approvers = resolved.eligible;
    if (!isQuorumReachable(stepPolicy.quorum, approvers.length) && required) {
      // Too few eligible people (e.g. the only one in the role is the submitter): the
      // escalation target joins the step. The quorum itself is never lowered.
      const fallback = await dbActivities().resolveApprovers({
        systemId: ctx.systemId,
        selector: policy.approval.escalateTo,
        conflicts,
        alreadyAsked: approvers.map((a) => a.id),
      });
      const known = new Set(approvers.map((a) => a.id));
      approvers = [...approvers, ...fallback.eligible.filter((a) => !known.has(a.id))];
    }
    if (!isQuorumReachable(stepPolicy.quorum, approvers.length)) {
      const needed = requiredApprovals(stepPolicy.quorum, approvers.length);
      const eventType = required ? 'approval.no_eligible_approvers' : 'approval.step_skipped';
      await ctx.inOrder(() =>
        dbActivities().closeApprovalTasks({
          systemId: ctx.systemId,
          taskIds: [],
          status: 'cancelled',
          audit: ctx.audit(eventType, null, {
            round: input.round,
            step: stepPolicy.name,
            reason: 'not enough eligible approvers',
            eligible: approvers.map((a) => a.email),
            excluded: resolved.excluded,
          }),
        }),
      );
      if (!required) continue;
      result = {
        outcome: 'no_eligible_approvers',
        reason: `approval step '${stepPolicy.name}' needs ${needed} approver(s) but only ${approvers.length} eligible person(s) exist`,
      };
      break;
    }
    const current: OpenStep = {
      index,
      name: stepPolicy.name,
      quorum: stepPolicy.quorum,
      selector: stepPolicy.approvers,
      eligibleIds: approvers.map((a) => a.id),
      tasks: new Map(),
      emails: new Map(),
      open: new Set(),
      decisions: [],
      reason: null,
    };
    ctx.step = current;
    await openTasks(ctx, current, approvers, 'request', resolved.excluded);
    const outcome = await runStep(ctx, current, stepPolicy);
    if (outcome === 'withdrawn') {
      await closeOpen(ctx, current, 'cancelled', 'approval.withdrawn', { round: input.round, step: current.name, reason: ctx.withdrawn });
      result = { outcome: 'withdrawn', reason: ctx.withdrawn };
      break;
    }
    if (outcome === 'approved') {
      await closeOpen(ctx, current, 'cancelled', 'approval.step_approved', { round: input.round, step: current.name });
      continue;
    }
    if (outcome === 'expired') {
      if (!required) {
        // An optional step that nobody answered does not hold up the round.
        await closeOpen(ctx, current, 'expired', 'approval.step_skipped', { round: input.round, step: current.name, reason: 'expired' });
        continue;
      }
      await closeOpen(ctx, current, 'expired', 'approval.expired', { round: input.round, step: current.name });
      result = { outcome: 'expired', reason: `approval step '${current.name}' expired without a decision` };
    } else {
      const negative = NEGATIVE[outcome];
      await closeOpen(ctx, current, 'cancelled', `approval.step_${outcome}`, { round: input.round, step: current.name });
      result = { outcome: negative, reason: current.reason };
    }
    break;
  }
  ctx.step = null;
  await condition(allHandlersFinished);
  await Promise.all(ctx.prompts);
  return result;
}
