import { WorkflowUpdateFailedError, WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import {
  awaitApprovalSettledUpdate,
  completeChecklistItemUpdate,
  decideApprovalUpdate,
  decideReviewUpdate,
  recordDeploymentUpdate,
  recordMonitoringEventUpdate,
  startRetirementUpdate,
  submitForAssessmentUpdate,
  submitImpactAssessmentUpdate,
  syncUpdate,
  withdrawApprovalSignal,
} from '@aigov/workflows/lifecycle.definitions';
import type { Actor, ApprovalDecisionResult } from '@aigov/workflows/lifecycle.types';
import { RiskTier } from '@aigov/domain/risk-tier';
import { answersFor } from '../support/assessment-answers';
import { saveHistoryForReplay } from './history-recorder';
import { DirectoryUser } from './in-memory-activities';
import { WORKFLOW_TEST_POLICY } from './test-policy';
import { createWorkflowTestEnv, eventually, viewOf, WorkflowTestEnv } from './workflow-test-env';

const user = (name: string, roles: string[]): DirectoryUser => ({ id: randomUUID(), email: `${name}@example.test`, name, roles });
const owner = user('owner', ['product_owner', 'approver']);
const approvers = [user('ann', ['approver']), user('bob', ['approver']), user('cy', ['approver'])];
const security = user('sec', ['governance_office']);
const admin = user('root', ['admin']);
const actor = (u: DirectoryUser): Actor => ({ userId: u.id, label: u.email });

async function refusal(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await promise.then(
    () => {
      throw new Error('expected the update to be refused');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}

describe('aiSystemLifecycle and approvalRequest workflows', () => {
  let env: WorkflowTestEnv;

  beforeAll(async () => {
    env = await createWorkflowTestEnv(WORKFLOW_TEST_POLICY, [owner, ...approvers, security, admin], { reviewDelayMs: 1500 });
  });
  afterAll(async () => env?.close());

  async function toApproval(tier: RiskTier, on: WorkflowTestEnv = env): Promise<WorkflowHandle> {
    const handle = await on.startLifecycle(owner.id);
    await handle.executeUpdate(submitForAssessmentUpdate, { args: [actor(owner)] });
    const outcome = await handle.executeUpdate(submitImpactAssessmentUpdate, {
      args: [{ actor: actor(owner), templateVersion: 'test', answers: answersFor(tier) }],
    });
    expect(outcome.riskTier).toBe(tier);
    return handle;
  }

  const openTasks = (handle: WorkflowHandle, step: string) =>
    eventually(
      async () => env.acts.tasksFor(handle.workflowId.slice('ai-system:'.length)).filter((t) => t.stepName === step && t.status === 'open'),
      (tasks) => tasks.length > 0,
    );

  const decide = (handle: WorkflowHandle, taskId: string, by: DirectoryUser, decision: string, comment = 'ok') =>
    env.client.workflow
      .getHandle(`approval:${handle.workflowId.slice('ai-system:'.length)}:1`)
      .executeUpdate(decideApprovalUpdate, { args: [{ actor: actor(by), taskId, decision: decision as never, comment }] });

  it('persists the registration before any Update sent with the start, even a submit', () =>
    env.run(async () => {
      for (let i = 0; i < 3; i++) {
        const handle = await env.startLifecycle(owner.id);
        // Sent at once, typically in the workflow's first task together with the start.
        const [synced, submitted] = await Promise.all([
          handle.executeUpdate(syncUpdate),
          handle.executeUpdate(submitForAssessmentUpdate, { args: [actor(owner)] }),
        ]);
        expect(synced.persistedSeq).toBeGreaterThanOrEqual(1);
        expect(submitted.stage).toBe('impact_assessment');
        const changes = env.acts.changesFor(handle.workflowId.slice(10));
        expect(changes.map((c) => [c.seq, c.transition?.action])).toEqual([
          [1, 'registered'],
          [2, 'submit_for_assessment'],
        ]);
      }
    }));

  it('refuses an action the stage does not allow, with a reason, and records nothing', () =>
    env.run(async () => {
      const handle = await env.startLifecycle(owner.id);
      await eventually(() => viewOf(handle), (v) => v.persistedSeq === 1);
      const before = (await handle.fetchHistory()).events?.length;
      const failure = await refusal(
        handle.executeUpdate(recordDeploymentUpdate, { args: [{ actor: actor(owner), version: '1', environment: 'prod', configuration: {} }] }),
      );
      expect(failure.type).toBe('Conflict');
      expect(failure.message).toContain("action 'deploy' is not allowed in stage 'design'");
      expect((await handle.fetchHistory()).events?.length).toBe(before);
      expect((await viewOf(handle)).stage).toBe('design');
      expect(env.acts.changesFor(handle.workflowId.slice(10))).toHaveLength(1);
    }));

  it('takes a high-risk system through two approval steps with a 2-of-3 quorum, deployment and a review cycle', () =>
    env.run(async () => {
      const handle = await toApproval('high');
      const riskTasks = await openTasks(handle, 'risk');
      // The owner holds the approver role too, but never approves their own system.
      expect(riskTasks.map((t) => t.assigneeId).sort()).toEqual(approvers.map((a) => a.id).sort());

      const [first, second] = riskTasks.map((t) => ({ task: t, by: approvers.find((a) => a.id === t.assigneeId)! }));
      const firstResult = await decide(handle, first.task.id, first.by, 'approve');
      expect(firstResult.roundOutcome).toBeNull();

      // A double click: two decisions on the same task at once count once.
      const settled = await Promise.allSettled([
        decide(handle, second.task.id, second.by, 'approve'),
        decide(handle, second.task.id, second.by, 'approve'),
      ]);
      expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
      const refused = settled.find((s) => s.status === 'rejected') as PromiseRejectedResult;
      expect(((refused.reason as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe('Conflict');

      const [securityTask] = await openTasks(handle, 'security');
      expect(securityTask.assigneeId).toBe(security.id);
      // The third risk approver's task closed once the quorum was met.
      await eventually(async () => env.acts.tasks.get(riskTasks[2].id)!.status, (s) => s === 'cancelled');

      const last: ApprovalDecisionResult = await decide(handle, securityTask.id, security, 'approve');
      expect(last.roundOutcome).toBe('approved');
      const afterApproval = await handle.executeUpdate(awaitApprovalSettledUpdate, { args: [1] });
      expect(afterApproval.stage).toBe('deployment');

      const firstRunId = (await handle.describe()).runId;
      const deployed = await handle.executeUpdate(recordDeploymentUpdate, {
        args: [{ actor: actor(owner), version: '1.0.0', environment: 'production', configuration: { threshold: 0.7 } }],
      });
      expect(deployed).toMatchObject({ stage: 'operation', currentVersion: '1.0.0', lastApprovedVersion: '1.0.0' });

      // The review timer (1.5 s from the in-memory activity) opens a review task.
      const inReview = await eventually(() => viewOf(handle), (v) => v.stage === 'periodic_review' && !!v.openReviewTaskId);
      const wrongPerson = await refusal(
        handle.executeUpdate(decideReviewUpdate, {
          args: [{ actor: actor(security), taskId: inReview.openReviewTaskId!, decision: 'continue', comment: '' }],
        }),
      );
      expect(wrongPerson.type).toBe('Forbidden');
      await handle.executeUpdate(decideReviewUpdate, {
        args: [{ actor: actor(owner), taskId: inReview.openReviewTaskId!, decision: 'continue', comment: 'metrics within bounds' }],
      });

      // The review-cycle boundary continues the workflow as new, carrying its state.
      const carried = await eventually(
        async () => ({ runId: (await handle.describe()).runId, view: await viewOf(handle) }),
        (r) => r.runId !== firstRunId,
      );
      expect(carried.view).toMatchObject({ stage: 'operation', reviewCycle: 1, currentVersion: '1.0.0' });
      await saveHistoryForReplay(env.client, handle.workflowId, firstRunId, 'high-risk-approval-and-review');

      const audit = env.acts.audit.filter((a) => a.stream.includes(handle.workflowId.slice(10)));
      expect(audit.filter((a) => a.entry.eventType === 'approval.decided')).toHaveLength(3);
    }));

  it('reminds, escalates and finally expires an unanswered approval, returning the system to design', () =>
    env.run(async () => {
      const handle = await toApproval('minimal');
      const [task] = await openTasks(handle, 'governance');
      await eventually(async () => env.acts.prompts.filter((p) => p.taskId === task.id).map((p) => p.kind), (k) => k.includes('reminder'));
      const escalated = await eventually(
        async () => env.acts.tasksFor(handle.workflowId.slice(10)).filter((t) => t.assigneeId === admin.id),
        (t) => t.length === 1,
      );
      // The prompt goes out right after the task is stored, so it may arrive a moment later.
      await eventually(async () => env.acts.prompts, (p) => p.some((x) => x.taskId === escalated[0].id && x.kind === 'escalation'));
      const back = await handle.executeUpdate(awaitApprovalSettledUpdate, { args: [1] });
      expect(back.stage).toBe('design');
      expect(env.acts.tasks.get(task.id)!.status).toBe('expired');
      expect(roundSettlement(env, handle).transition).toEqual({ action: 'approval_expired', to: 'design' });
      await saveHistoryForReplay(env.client, handle.workflowId, undefined, 'approval-expiry');
    }));

  it('sends a change request back to design, and a rejection ends in rejected', () =>
    env.run(async () => {
      const handle = await toApproval('limited');
      const [task] = await openTasks(handle, 'governance');
      const missingComment = await refusal(decide(handle, task.id, security, 'request_changes', ' '));
      expect(missingComment.type).toBe('BadRequest');
      expect(missingComment.details).toEqual([{ field: 'comment' }]);
      const result = await decide(handle, task.id, security, 'request_changes', 'describe the fallback process');
      expect(result.roundOutcome).toBe('changes_requested');
      expect((await handle.executeUpdate(awaitApprovalSettledUpdate, { args: [1] })).stage).toBe('design');

      await handle.executeUpdate(submitForAssessmentUpdate, { args: [actor(owner)] });
      const again = await handle.executeUpdate(submitImpactAssessmentUpdate, {
        args: [{ actor: actor(owner), templateVersion: 'test', answers: answersFor('limited') }],
      });
      expect(again).toMatchObject({ version: 2, view: { stage: 'approval', approvalRound: 2 } });
      const [round2] = await eventually(
        async () => env.acts.tasksFor(handle.workflowId.slice(10)).filter((t) => t.status === 'open'),
        (t) => t.length === 1,
      );
      await env.client.workflow
        .getHandle(`approval:${handle.workflowId.slice(10)}:2`)
        .executeUpdate(decideApprovalUpdate, { args: [{ actor: actor(security), taskId: round2.id, decision: 'reject', comment: 'too risky' }] });
      const rejected = await handle.executeUpdate(awaitApprovalSettledUpdate, { args: [2] });
      expect(rejected.stage).toBe('rejected');
    }));

  /** The round's outcome as the lifecycle recorded it: the transition and its audit entry. */
  const roundSettlement = (on: WorkflowTestEnv, handle: WorkflowHandle) => {
    const change = on.acts.changesFor(handle.workflowId.slice(10)).find((c) => c.transition?.from === 'approval');
    return {
      transition: change?.transition && { action: change.transition.action, to: change.transition.to },
      audit: change?.audit.find((a) => a.eventType === 'ai_system.stage_changed')?.payload,
    };
  };

  it('names a round that found nobody to ask approval_no_eligible_approvers, not approval_expired', async () => {
    // Nobody holds governance_office (minimal's only step) nor admin (its escalation target).
    const understaffed = await createWorkflowTestEnv(WORKFLOW_TEST_POLICY, [owner, ...approvers]);
    try {
      await understaffed.run(async () => {
        const handle = await toApproval('minimal', understaffed);
        const back = await handle.executeUpdate(awaitApprovalSettledUpdate, { args: [1] });
        expect(back.stage).toBe('design');
        expect(roundSettlement(understaffed, handle)).toEqual({
          transition: { action: 'approval_no_eligible_approvers', to: 'design' },
          audit: expect.objectContaining({ action: 'approval_no_eligible_approvers', from: 'approval', to: 'design', round: 1, outcome: 'no_eligible_approvers' }),
        });
        const roundEvents = understaffed.acts.audit.filter((a) => a.stream === `approval:${handle.workflowId.slice(10)}:1`).map((a) => a.entry.eventType);
        expect(roundEvents).toEqual(['approval.no_eligible_approvers']);
      });
    } finally {
      await understaffed.close();
    }
  });

  it('names a withdrawn round approval_withdrawn, not approval_changes_requested', () =>
    env.run(async () => {
      const handle = await toApproval('limited');
      const [task] = await openTasks(handle, 'governance');
      // Only a material change's round is withdrawn by the workflow itself; a main round can be by its signal.
      await env.client.workflow.getHandle(`approval:${handle.workflowId.slice(10)}:1`).signal(withdrawApprovalSignal, { reason: 'called off by the test' });
      const back = await handle.executeUpdate(awaitApprovalSettledUpdate, { args: [1] });
      expect(back.stage).toBe('design');
      expect(roundSettlement(env, handle)).toEqual({
        transition: { action: 'approval_withdrawn', to: 'design' },
        audit: expect.objectContaining({ action: 'approval_withdrawn', reason: 'called off by the test', round: 1, outcome: 'withdrawn' }),
      });
      expect(env.acts.tasks.get(task.id)!.status).toBe('cancelled');
    }));

  it('rejects a prohibited system at assessment without an approval round', () =>
    env.run(async () => {
      const handle = await env.startLifecycle(owner.id);
      await handle.executeUpdate(submitForAssessmentUpdate, { args: [actor(owner)] });
      const outcome = await handle.executeUpdate(submitImpactAssessmentUpdate, {
        args: [{ actor: actor(owner), templateVersion: 'test', answers: answersFor('prohibited') }],
      });
      expect(outcome).toMatchObject({ riskTier: 'prohibited', view: { stage: 'rejected', approvalRound: 0 } });
      expect(outcome.reasons.some((r) => r.tier === 'prohibited')).toBe(true);
    }));

  it('opens a review at once on a critical monitoring event and retires only when the checklist is done', () =>
    env.run(async () => {
      const handle = await toApproval('limited');
      const [task] = await openTasks(handle, 'governance');
      await decide(handle, task.id, security, 'approve');
      await handle.executeUpdate(awaitApprovalSettledUpdate, { args: [1] });
      // The optional ethics step had nobody to ask: skipped, recorded, and the round approved.
      const roundEvents = env.acts.audit.filter((a) => a.stream === `approval:${handle.workflowId.slice(10)}:1`).map((a) => a.entry);
      expect(roundEvents.find((e) => e.eventType === 'approval.step_skipped')?.payload).toMatchObject({ step: 'ethics', reason: 'not enough eligible approvers' });
      await handle.executeUpdate(recordDeploymentUpdate, { args: [{ actor: actor(owner), version: 'v1', environment: 'prod', configuration: {} }] });
      const event = (severity: 'low' | 'critical') => ({
        actor: actor(owner), kind: 'drift' as const, severity, metric: 'psi', observedValue: 0.4, threshold: 0.2, source: 'monitor', description: null,
      });
      const minor = await handle.executeUpdate(recordMonitoringEventUpdate, { args: [event('low')] });
      expect(minor).toMatchObject({ reviewStarted: false, view: { stage: 'operation' } });
      const critical = await handle.executeUpdate(recordMonitoringEventUpdate, { args: [event('critical')] });
      expect(critical).toMatchObject({ reviewStarted: true, view: { stage: 'periodic_review' } });

      await handle.executeUpdate(decideReviewUpdate, {
        args: [{ actor: actor(owner), taskId: critical.view.openReviewTaskId!, decision: 'retire', comment: 'replaced' }],
      });
      const items = ['access_revoked', 'model_archived_or_deleted', 'data_archived_or_deleted', 'users_informed', 'dependent_systems_updated'] as const;
      for (const item of items.slice(0, -1)) {
        const v = await handle.executeUpdate(completeChecklistItemUpdate, { args: [{ actor: actor(owner), item, note: null }] });
        expect(v.stage).toBe('retirement');
      }
      const twice = await refusal(handle.executeUpdate(completeChecklistItemUpdate, { args: [{ actor: actor(owner), item: items[0], note: null }] }));
      expect(twice.type).toBe('Conflict');
      const done = await handle.executeUpdate(completeChecklistItemUpdate, { args: [{ actor: actor(owner), item: items[4], note: 'CRM updated' }] });
      expect(done.stage).toBe('retired');
      expect((await handle.result()).stage).toBe('retired');
    }));

  it('retires straight away when every checklist item is already done', () =>
    env.run(async () => {
      const handle = await env.startLifecycle(owner.id);
      const v = await handle.executeUpdate(startRetirementUpdate, {
        args: [{ actor: actor(owner), reason: 'never built', completedItems: ['access_revoked', 'model_archived_or_deleted', 'data_archived_or_deleted', 'users_informed', 'dependent_systems_updated'] }],
      });
      expect(v.stage).toBe('retired');
      const bad = await refusal(
        env.startLifecycle(owner.id).then((h) =>
          h.executeUpdate(startRetirementUpdate, { args: [{ actor: actor(owner), reason: 'x', completedItems: ['shred_servers' as never] }] }),
        ),
      );
      expect(bad).toMatchObject({ type: 'BadRequest', details: [{ field: 'completedItems' }] });
    }));
});
