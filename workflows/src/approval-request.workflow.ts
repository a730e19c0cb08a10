import { allHandlersFinished, condition, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import {
  APPROVAL_DECISIONS,
  CastDecision,
  evaluateStep,
  isQuorumReachable,
  requiredApprovals,
  StepOutcome,
} from '@aigov/domain/approval-quorum';
import { canStandIn } from '@aigov/domain/approver-routing';
import { isoDurationToApproxMs } from '@aigov/domain/iso-duration';
import { ApprovalStepPolicy, ApproverSelector, Quorum, TierPolicy } from '@aigov/domain/governance-policy.types';
import { approvalAuditStream } from '@aigov/temporal/workflow-ids';
import type { AuditEntry, ResolvedApprover } from './activity.contracts';
import { activities, mailActivities } from './activity-options';
import { decideApprovalUpdate, delegateApprovalTaskUpdate, withdrawApprovalSignal } from './lifecycle.definitions';
import type { Actor, ApprovalRequestInput, ApprovalRoundOutcome, ApprovalRoundResult } from './lifecycle.types';
import { badRequest, conflict, forbidden, notFound } from './refusal';

interface OpenStep {
  index: number;
  name: string;
  quorum: Quorum;
  selector: ApproverSelector;
  eligibleIds: string[];
  /** task id -> assignee id, for every task of this step */
  tasks: Map<string, string>;
  /** assignee id -> email, for audit payloads */
  emails: Map<string, string>;
  /** tasks still waiting for a decision */
  open: Set<string>;
  decisions: CastDecision[];
  /** the comment of the decisive negative decision */
  reason: string | null;
}

const NEGATIVE: Record<string, ApprovalRoundOutcome> = { rejected: 'rejected', changes_requested: 'changes_requested' };
const REASSIGNING_ROLES = ['governance_office', 'admin'];

/**
 * One approval round (child of the lifecycle workflow, id `approval:<system>:<round>`): the
 * policy's steps in sequence, each with its own approvers and quorum, with durable reminder,
 * escalation and expiry timers. Decisions are Updates, so a second click on the same task is
 * refused by the validator and counted once.
 */
export async function approvalRequest(input: ApprovalRequestInput): Promise<ApprovalRoundResult> {
  const stream = approvalAuditStream(input.systemId, input.round);
  const workflowId = workflowInfo().workflowId;
  let auditSeq = 0;
  let step: OpenStep | null = null;
  const closedTasks = new Set<string>();
  /** prompts sent from Update handlers, awaited before the round ends so none is abandoned */
  const prompts: Array<Promise<unknown>> = [];
  /** the reason, once the parent has withdrawn the round */
  let withdrawn: string | null = null;

  const audit = (eventType: string, actor: Actor | null, payload: Record<string, unknown>) => ({
    stream,
    entry: { seq: ++auditSeq, eventType, actor, payload } satisfies AuditEntry,
  });

  // Audit events of this round form one hash chain, so their writes go out in order.
  let chain: Promise<unknown> = Promise.resolve();
  const inOrder = <T>(write: () => Promise<T>): Promise<T> => {
    const run = chain.then(write);
    chain = run.catch(() => undefined);
    return run;
  };

  const stepOutcome = (s: OpenStep): StepOutcome => evaluateStep(s.quorum, s.eligibleIds, s.decisions);

  setHandler(withdrawApprovalSignal, ({ reason }) => {
    withdrawn ??= reason;
  });

  setHandler(
    decideApprovalUpdate,
    async ({ actor, taskId, decision, comment }) => {
      const current = step as OpenStep;
      current.open.delete(taskId);
      current.decisions.push({ userId: actor.userId, decision });
      const outcome = stepOutcome(current);
      if (outcome === 'rejected' || outcome === 'changes_requested') current.reason ??= comment;
      const entry = audit('approval.decided', actor, { round: input.round, step: current.name, taskId, decision, comment });
      await inOrder(() => activities.recordApprovalDecision({ systemId: input.systemId, taskId, actor, decision, comment, audit: entry }));
      const last = current.index === policySteps.length - 1;
      const roundOutcome: ApprovalRoundOutcome | null =
        NEGATIVE[outcome] ?? (outcome === 'approved' && last ? 'approved' : null);
      return { roundOutcome, round: input.round };
    },
    {
      validator: ({ actor, taskId, decision, comment }) => {
        if (withdrawn !== null) conflict(`this approval round was withdrawn: ${withdrawn}`, 'taskId');
        if (!step || !step.tasks.has(taskId)) {
          if (closedTasks.has(taskId)) conflict(`task ${taskId} is closed; its approval step has ended`, 'taskId');
          notFound(`task ${taskId} is not part of the current approval step`, 'taskId');
        }
        const current = step as OpenStep;
        if (!current.open.has(taskId)) conflict(`task ${taskId} has already been decided`, 'taskId');
        if (current.tasks.get(taskId) !== actor.userId) forbidden('only the assignee may decide this task', 'taskId');
        if (actor.userId === input.submittedById || actor.userId === input.ownerId) {
          forbidden('the submitter and the accountable owner may not approve their own system', 'taskId');
        }
        if (!(APPROVAL_DECISIONS as readonly string[]).includes(decision)) {
          badRequest(`decision must be one of ${APPROVAL_DECISIONS.join(', ')}`, 'decision');
        }
        if (decision !== 'approve' && !comment?.trim()) badRequest(`a comment is required to ${decision.replace('_', ' ')}`, 'comment');
        if (stepOutcome(current) !== 'pending') conflict('this approval step has already been settled', 'taskId');
      },
    },
  );

  setHandler(
    delegateApprovalTaskUpdate,
    async ({ actor, taskId, delegate, reason }) => {
      const current = step as OpenStep;
      const fromId = current.tasks.get(taskId) as string;
      const newTaskId = uuid4();
      current.open.delete(taskId);
      closedTasks.add(taskId);
      current.tasks.set(newTaskId, delegate.id);
      current.open.add(newTaskId);
      current.emails.set(delegate.id, delegate.email);
      // The delegate takes the delegator's place in the count; one person still counts once.
      current.eligibleIds = [...current.eligibleIds.filter((id) => id !== fromId), delegate.id];
      const entry = audit('approval.delegated', actor, {
        round: input.round,
        step: current.name,
        taskId,
        newTaskId,
        from: current.emails.get(fromId) ?? fromId,
        to: delegate.email,
        reason,
        via: actor.userId === fromId ? 'delegation' : 'reassignment',
      });
      await inOrder(() =>
        activities.delegateApprovalTask({
          systemId: input.systemId,
          fromTaskId: taskId,
          task: { id: newTaskId, assigneeId: delegate.id, onBehalfOfId: fromId },
          reason,
          audit: entry,
        }),
      );
      // The answer does not wait for SMTP (which may be down); the round waits for it instead.
      prompts.push(mailActivities.sendTaskPrompt({ taskId: newTaskId, kind: 'delegation' }));
      return { taskId: newTaskId, assigneeId: delegate.id, round: input.round };
    },
    {
      validator: ({ actor, actorRoles, taskId, delegate, assigneeRoles, ownerManagerId, reason }) => {
        if (!step || !step.tasks.has(taskId)) {
          if (closedTasks.has(taskId)) conflict(`task ${taskId} is closed; it can no longer be delegated`, 'taskId');
          notFound(`task ${taskId} is not part of the current approval step`, 'taskId');
        }
        const current = step as OpenStep;
        const assigneeId = current.tasks.get(taskId) as string;
        if (!current.open.has(taskId)) conflict(`task ${taskId} has already been decided or delegated`, 'taskId');
        if (assigneeId !== actor.userId && !actorRoles.some((r: string) => REASSIGNING_ROLES.includes(r))) {
          forbidden('only the assignee (or the governance office) may delegate this task', 'taskId');
        }
        if (!reason?.trim()) badRequest('a reason is required to delegate a task', 'reason');
        if (delegate.id === assigneeId) badRequest('the task is already assigned to this person', 'delegateId');
        if (!delegate.active) badRequest('the delegate is deactivated', 'delegateId');
        if (delegate.id === input.submittedById || delegate.id === input.ownerId) {
          forbidden('the submitter and the accountable owner may not approve their own system', 'delegateId');
        }
        if ([...current.tasks.values()].includes(delegate.id)) {
          conflict('the delegate already has a task in this approval step (a person counts once)', 'delegateId');
        }
        if (!canStandIn(delegate, { roles: assigneeRoles }, current.selector, ownerManagerId)) {
          forbidden(`the delegate holds none of the roles that step '${current.name}' asks for`, 'delegateId');
        }
        if (stepOutcome(current) !== 'pending') conflict('this approval step has already been settled', 'taskId');
      },
    },
  );

  const policy: TierPolicy = await activities.getTierPolicy(input.riskTier as Exclude<typeof input.riskTier, 'prohibited'>);
  const policySteps = policy.approval.steps;
  const conflicts = { submitterId: input.submittedById, ownerId: input.ownerId };

  const openTasks = async (
    current: OpenStep,
    approvers: ResolvedApprover[],
    kind: 'request' | 'escalation',
    excluded: Array<{ email: string; reason: string }>,
  ) => {
    const specs = approvers.map((a) => ({ id: uuid4(), assigneeId: a.id, onBehalfOfId: a.onBehalfOf?.id ?? null }));
    for (const spec of specs) {
      current.tasks.set(spec.id, spec.assigneeId);
      current.open.add(spec.id);
    }
    for (const a of approvers) current.emails.set(a.id, a.email);
    const routed = approvers.filter((a) => a.onBehalfOf).map((a) => ({ from: a.onBehalfOf!.email, to: a.email, reason: 'out_of_office' }));
    const entry = audit(kind === 'request' ? 'approval.step_started' : 'approval.escalated', null, {
      round: input.round,
      step: current.name,
      approvers: approvers.map((a) => a.email),
      quorum: current.quorum,
      ...(routed.length ? { outOfOffice: routed } : {}),
      ...(excluded.length ? { notAsked: excluded.map((e) => ({ email: e.email, reason: e.reason })) } : {}),
    });
    await inOrder(() => activities.createApprovalTasks({
      systemId: input.systemId,
      round: input.round,
      workflowId,
      stepIndex: current.index,
      stepName: current.name,
      tasks: specs,
      dueIn: policy.approval.expireAfter,
      audit: entry,
    }));
    await Promise.all(specs.map((spec) => mailActivities.sendTaskPrompt({ taskId: spec.id, kind })));
  };

  const closeOpen = async (current: OpenStep, status: 'cancelled' | 'expired', eventType: string, payload: Record<string, unknown>) => {
    const taskIds = [...current.open];
    current.open.clear();
    for (const id of current.tasks.keys()) closedTasks.add(id);
    const entry = audit(eventType, null, payload);
    await inOrder(() => activities.closeApprovalTasks({ systemId: input.systemId, taskIds, status, audit: entry }));
  };

  /** Waits for the step to settle, reminding, escalating and finally expiring on the policy's clock. */
  const runStep = async (current: OpenStep, stepPolicy: ApprovalStepPolicy): Promise<StepOutcome | 'expired' | 'withdrawn'> => {
    const settled = () => withdrawn !== null || stepOutcome(current) !== 'pending';
    const settledAs = () => (withdrawn !== null ? 'withdrawn' : stepOutcome(current));
    const reminderMs = isoDurationToApproxMs(policy.approval.reminderAfter);
    const escalateMs = isoDurationToApproxMs(policy.approval.escalateAfter);
    const expireMs = isoDurationToApproxMs(policy.approval.expireAfter);

    if (await condition(settled, reminderMs)) return settledAs();
    const undecided = [...current.open];
    await Promise.all(undecided.map((taskId) => mailActivities.sendTaskPrompt({ taskId, kind: 'reminder' })));
    const reminded = { ...audit('approval.reminded', null, { round: input.round, step: current.name, taskIds: undecided }), systemId: input.systemId };
    await inOrder(() => activities.markTasks({ taskIds: undecided, field: 'reminded', audit: reminded }));

    if (await condition(settled, escalateMs - reminderMs)) return settledAs();
    const resolved = await activities.resolveApprovers({
      systemId: input.systemId,
      selector: policy.approval.escalateTo,
      conflicts,
      alreadyAsked: [...new Set(current.tasks.values())],
    });
    const already = new Set(current.tasks.values());
    const added = resolved.eligible.filter((a) => !already.has(a.id));
    // Escalation targets may decide in place of the original approvers: the number of
    // approvals needed stays what the policy asked of the original group.
    current.quorum = { kind: 'count', count: requiredApprovals(stepPolicy.quorum, current.eligibleIds.length) };
    current.eligibleIds = [...current.eligibleIds, ...added.map((a) => a.id)];
    const escalated = { ...audit('approval.escalation_due', null, { round: input.round, step: current.name, escalatedTo: added.map((a) => a.email) }), systemId: input.systemId };
    const stillOpen = [...current.open];
    await inOrder(() => activities.markTasks({ taskIds: stillOpen, field: 'escalated', audit: escalated }));
    if (added.length > 0) await openTasks(current, added, 'escalation', []);

    if (await condition(settled, Math.max(expireMs - escalateMs, 1))) return settledAs();
    return 'expired';
  };

  let result: ApprovalRoundResult = { outcome: 'approved', reason: null };
  for (let index = 0; index < policySteps.length; index++) {
    if (withdrawn !== null) {
      // withdrawn between steps (or before the first): no tasks are open, nobody else is asked
      await inOrder(() =>
        activities.closeApprovalTasks({
          systemId: input.systemId,
          taskIds: [],
          status: 'cancelled',
          audit: audit('approval.withdrawn', null, { round: input.round, step: policySteps[index].name, reason: withdrawn }),
        }),
      );
      result = { outcome: 'withdrawn', reason: withdrawn };
      break;
    }
    const stepPolicy = policySteps[index];
    const required = stepPolicy.required !== false;
    const ask = stepPolicy.quorum.kind === 'count' ? stepPolicy.quorum.of : undefined;
    const resolved = await activities.resolveApprovers({ systemId: input.systemId, selector: stepPolicy.approvers, conflicts, ask });
    let approvers = resolved.eligible;
    if (!isQuorumReachable(stepPolicy.quorum, approvers.length) && required) {
      // Too few eligible people (e.g. the only one in the role is the submitter): the
      // escalation target joins the step. The quorum itself is never lowered.
      const fallback = await activities.resolveApprovers({
        systemId: input.systemId,
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
      await inOrder(() =>
        activities.closeApprovalTasks({
          systemId: input.systemId,
          taskIds: [],
          status: 'cancelled',
          audit: audit(eventType, null, {
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
    step = current;
    await openTasks(current, approvers, 'request', resolved.excluded);
    const outcome = await runStep(current, stepPolicy);
    if (outcome === 'withdrawn') {
      await closeOpen(current, 'cancelled', 'approval.withdrawn', { round: input.round, step: current.name, reason: withdrawn });
      result = { outcome: 'withdrawn', reason: withdrawn };
      break;
    }
    if (outcome === 'approved') {
      await closeOpen(current, 'cancelled', 'approval.step_approved', { round: input.round, step: current.name });
      continue;
    }
    if (outcome === 'expired') {
      if (!required) {
        // An optional step that nobody answered does not hold up the round.
        await closeOpen(current, 'expired', 'approval.step_skipped', { round: input.round, step: current.name, reason: 'expired' });
        continue;
      }
      await closeOpen(current, 'expired', 'approval.expired', { round: input.round, step: current.name });
      result = { outcome: 'expired', reason: `approval step '${current.name}' expired without a decision` };
    } else {
      const negative = NEGATIVE[outcome];
      await closeOpen(current, 'cancelled', `approval.step_${outcome}`, { round: input.round, step: current.name });
      result = { outcome: negative, reason: current.reason };
    }
    break;
  }
  step = null;
  await condition(allHandlersFinished);
  await Promise.all(prompts);
  return result;
}
