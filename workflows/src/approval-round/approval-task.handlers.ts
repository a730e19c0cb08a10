import { setHandler, uuid4 } from '@temporalio/workflow';
import { decide } from '@aigov/domain/access/access';
import { APPROVAL_DECISIONS } from '@aigov/domain/approval-quorum';
import { canStandIn } from '@aigov/domain/approver-routing';
import { dbActivities, mailActivities } from '../activity-options';
import { decideApprovalUpdate, delegateApprovalTaskUpdate, withdrawApprovalSignal } from '../lifecycle.definitions';
import type { ApprovalRoundOutcome } from '../lifecycle.types';
import { badRequest, conflict, forbidden, notFound } from '../refusal';
import { CONFLICT_REFUSALS, conflictOf } from '@aigov/domain/segregation-of-duties';
import { ApprovalRoundContext, approverConflicts, NEGATIVE, OpenStep } from './approval-round-context';

/**
 * What people and the parent do to a running round: the parent's withdrawal (a Signal), an
 * approver's decision and a task's delegation (Updates whose validators refuse a decision on
 * a closed, decided or someone else's task, so a second click counts once).
 */
export function installApprovalTaskHandlers(ctx: ApprovalRoundContext): void {
  const { input } = ctx;

  setHandler(withdrawApprovalSignal, ({ reason }) => {
    ctx.withdrawn ??= reason;
  });

  setHandler(
    decideApprovalUpdate,
    async ({ actor, taskId, decision, comment }) => {
      const current = ctx.step as OpenStep;
      current.open.delete(taskId);
      current.decisions.push({ userId: actor.userId, decision });
      const outcome = ctx.stepOutcome(current);
      if (outcome === 'rejected' || outcome === 'changes_requested') current.reason ??= comment;
      const entry = ctx.audit('approval.decided', actor, { round: input.round, step: current.name, taskId, decision, comment });
      await ctx.inOrder(() => dbActivities().recordApprovalDecision({ systemId: ctx.systemId, taskId, actor, decision, comment, audit: entry }));
      const last = current.index === ctx.policy!.approval.steps.length - 1;
      const roundOutcome: ApprovalRoundOutcome | null =
        NEGATIVE[outcome] ?? (outcome === 'approved' && last ? 'approved' : null);
      return { roundOutcome, round: input.round };
    },
    {
      validator: ({ actor, taskId, decision, comment }) => {
        if (ctx.withdrawn !== null) conflict(`this approval round was withdrawn: ${ctx.withdrawn}`, 'taskId');
        if (!ctx.step || !ctx.step.tasks.has(taskId)) {
          if (ctx.closedTasks.has(taskId)) conflict(`task ${taskId} is closed; its approval step has ended`, 'taskId');
          notFound(`task ${taskId} is not part of the current approval step`, 'taskId');
        }
        const current = ctx.step as OpenStep;
        if (!current.open.has(taskId)) conflict(`task ${taskId} has already been decided`, 'taskId');
        if (current.tasks.get(taskId) !== actor.userId) forbidden('only the assignee may decide this task', 'taskId');
        const conflicted = conflictOf(actor.userId, approverConflicts(input));
        if (conflicted) forbidden(CONFLICT_REFUSALS[conflicted], 'taskId');
        if (!(APPROVAL_DECISIONS as readonly string[]).includes(decision)) {
          badRequest(`decision must be one of ${APPROVAL_DECISIONS.join(', ')}`, 'decision');
        }
        if (decision !== 'approve' && !comment?.trim()) badRequest(`a comment is required to ${decision.replace('_', ' ')}`, 'comment');
        if (ctx.stepOutcome(current) !== 'pending') conflict('this approval step has already been settled', 'taskId');
      },
    },
  );

  setHandler(
    delegateApprovalTaskUpdate,
    async ({ actor, taskId, delegate, reason }) => {
      const current = ctx.step as OpenStep;
      const fromId = current.tasks.get(taskId) as string;
      const newTaskId = uuid4();
      current.open.delete(taskId);
      ctx.closedTasks.add(taskId);
      current.tasks.set(newTaskId, delegate.id);
      current.open.add(newTaskId);
      current.emails.set(delegate.id, delegate.email);
      // The delegate takes the delegator's place in the count; one person still counts once.
      current.eligibleIds = [...current.eligibleIds.filter((id) => id !== fromId), delegate.id];
      const entry = ctx.audit('approval.delegated', actor, {
        round: input.round,
        step: current.name,
        taskId,
        newTaskId,
        from: current.emails.get(fromId) ?? fromId,
        to: delegate.email,
        reason,
        via: actor.userId === fromId ? 'delegation' : 'reassignment',
      });
      await ctx.inOrder(() =>
        dbActivities().delegateApprovalTask({
          systemId: ctx.systemId,
          fromTaskId: taskId,
          task: { id: newTaskId, assigneeId: delegate.id, onBehalfOfId: fromId },
          reason,
          audit: entry,
        }),
      );
      // The answer does not wait for SMTP (which may be down); the round waits for it instead.
      ctx.prompts.push(mailActivities.sendTaskPrompt({ taskId: newTaskId, kind: 'delegation' }));
      return { taskId: newTaskId, assigneeId: delegate.id, round: input.round };
    },
    {
      validator: ({ actor, actorRoles, taskId, delegate, assigneeRoles, ownerManagerId, reason }) => {
        if (!ctx.step || !ctx.step.tasks.has(taskId)) {
          if (ctx.closedTasks.has(taskId)) conflict(`task ${taskId} is closed; it can no longer be delegated`, 'taskId');
          notFound(`task ${taskId} is not part of the current approval step`, 'taskId');
        }
        const current = ctx.step as OpenStep;
        const assigneeId = current.tasks.get(taskId) as string;
        if (!current.open.has(taskId)) conflict(`task ${taskId} has already been decided or delegated`, 'taskId');
        // The same rule as the API's (task.delegate): the assignee, or a role that reassigns.
        const delegation = decide({ id: actor.userId, roles: actorRoles }, 'task.delegate', { assigneeId });
        if (!delegation.allowed) forbidden(delegation.reason, delegation.field);
        if (!reason?.trim()) badRequest('a reason is required to delegate a task', 'reason');
        if (delegate.id === assigneeId) badRequest('the task is already assigned to this person', 'delegateId');
        if (!delegate.active) badRequest('the delegate is deactivated', 'delegateId');
        const conflicted = conflictOf(delegate.id, approverConflicts(input));
        if (conflicted) forbidden(CONFLICT_REFUSALS[conflicted], 'delegateId');
        if ([...current.tasks.values()].includes(delegate.id)) {
          conflict('the delegate already has a task in this approval step (a person counts once)', 'delegateId');
        }
        if (!canStandIn(delegate, { roles: assigneeRoles }, current.selector, ownerManagerId)) {
          forbidden(`the delegate holds none of the roles that step '${current.name}' asks for`, 'delegateId');
        }
        if (ctx.stepOutcome(current) !== 'pending') conflict('this approval step has already been settled', 'taskId');
      },
    },
  );
}
