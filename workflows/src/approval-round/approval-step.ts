import { condition, uuid4 } from '@temporalio/workflow';
import { requiredApprovals, StepOutcome } from '@aigov/domain/approval-quorum';
import { isoDurationToApproxMs } from '@aigov/domain/iso-duration';
import { ApprovalStepPolicy } from '@aigov/domain/governance-policy.types';
import type { ResolvedApprover } from '../activity.contracts';
import { dbActivities, mailActivities } from '../activity-options';
import { ApprovalRoundContext, approverConflicts, OpenStep } from './approval-round-context';

/*
 * One approval step's tasks: opening them (with their prompts), waiting on the policy's clock
 * (reminder, escalation, expiry) and closing what is still open when the step ends.
 */

/** Creates a task per approver and prompts each by email; escalation targets join the same way. */
export async function openTasks(
  ctx: ApprovalRoundContext,
  current: OpenStep,
  approvers: ResolvedApprover[],
  kind: 'request' | 'escalation',
  excluded: Array<{ email: string; reason: string }>,
): Promise<void> {
  const { input } = ctx;
  const policy = ctx.policy!;
  const specs = approvers.map((a) => ({ id: uuid4(), assigneeId: a.id, onBehalfOfId: a.onBehalfOf?.id ?? null }));
  for (const spec of specs) {
    current.tasks.set(spec.id, spec.assigneeId);
    current.open.add(spec.id);
  }
  for (const a of approvers) current.emails.set(a.id, a.email);
  const routed = approvers.filter((a) => a.onBehalfOf).map((a) => ({ from: a.onBehalfOf!.email, to: a.email, reason: 'out_of_office' }));
  const entry = ctx.audit(kind === 'request' ? 'approval.step_started' : 'approval.escalated', null, {
    round: input.round,
    step: current.name,
    approvers: approvers.map((a) => a.email),
    quorum: current.quorum,
    ...(routed.length ? { outOfOffice: routed } : {}),
    ...(excluded.length ? { notAsked: excluded.map((e) => ({ email: e.email, reason: e.reason })) } : {}),
  });
  await ctx.inOrder(() => dbActivities().createApprovalTasks({
    systemId: ctx.systemId,
    round: input.round,
    workflowId: ctx.workflowId,
    stepIndex: current.index,
    stepName: current.name,
    ...(ctx.input.subject ? { subject: ctx.subject } : {}),
    tasks: specs,
    dueIn: policy.approval.expireAfter,
    audit: entry,
  }));
  await Promise.all(specs.map((spec) => mailActivities.sendTaskPrompt({ taskId: spec.id, kind })));
}

/** Closes the step's open tasks (cancelled or expired) with the audit event that says why. */
export async function closeOpen(
  ctx: ApprovalRoundContext,
  current: OpenStep,
  status: 'cancelled' | 'expired',
  eventType: string,
  payload: Record<string, unknown>,
): Promise<void> {
  const { input } = ctx;
  const taskIds = [...current.open];
  current.open.clear();
  for (const id of current.tasks.keys()) ctx.closedTasks.add(id);
  const entry = ctx.audit(eventType, null, payload);
  await ctx.inOrder(() => dbActivities().closeApprovalTasks({ systemId: ctx.systemId, taskIds, status, audit: entry }));
}

/** Waits for the step to settle, reminding, escalating and finally expiring on the policy's clock. */
export async function runStep(ctx: ApprovalRoundContext, current: OpenStep, stepPolicy: ApprovalStepPolicy): Promise<StepOutcome | 'expired' | 'withdrawn'> {
  const { input } = ctx;
  const policy = ctx.policy!;
  const settled = () => ctx.withdrawn !== null || ctx.stepOutcome(current) !== 'pending';
  const settledAs = () => (ctx.withdrawn !== null ? 'withdrawn' : ctx.stepOutcome(current));
  const reminderMs = isoDurationToApproxMs(policy.approval.reminderAfter);
  const escalateMs = isoDurationToApproxMs(policy.approval.escalateAfter);
  const expireMs = isoDurationToApproxMs(policy.approval.expireAfter);

  if (await condition(settled, reminderMs)) return settledAs();
  const undecided = [...current.open];
  await Promise.all(undecided.map((taskId) => mailActivities.sendTaskPrompt({ taskId, kind: 'reminder' })));
  const reminded = { ...ctx.audit('approval.reminded', null, { round: input.round, step: current.name, taskIds: undecided }), systemId: ctx.systemId };
  await ctx.inOrder(() => dbActivities().markTasks({ taskIds: undecided, field: 'reminded', audit: reminded }));

  if (await condition(settled, escalateMs - reminderMs)) return settledAs();
  const resolved = await dbActivities().resolveApprovers({
    systemId: ctx.systemId,
    selector: policy.approval.escalateTo,
    conflicts: approverConflicts(input),
    alreadyAsked: [...new Set(current.tasks.values())],
  });
  const already = new Set(current.tasks.values());
  const added = resolved.eligible.filter((a) => !already.has(a.id));
  // Escalation targets may decide in place of the original approvers: the number of
  // approvals needed stays what the policy asked of the original group.
  current.quorum = { kind: 'count', count: requiredApprovals(stepPolicy.quorum, current.eligibleIds.length) };
  current.eligibleIds = [...current.eligibleIds, ...added.map((a) => a.id)];
  const escalated = { ...ctx.audit('approval.escalation_due', null, { round: input.round, step: current.name, escalatedTo: added.map((a) => a.email) }), systemId: ctx.systemId };
  const stillOpen = [...current.open];
  await ctx.inOrder(() => dbActivities().markTasks({ taskIds: stillOpen, field: 'escalated', audit: escalated }));
  if (added.length > 0) await openTasks(ctx, current, added, 'escalation', []);

  if (await condition(settled, Math.max(expireMs - escalateMs, 1))) return settledAs();
  return 'expired';
}
