import {
  allHandlersFinished,
  condition,
  continueAsNew,
  executeChild,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import { LifecycleStage } from '../../libs/domain/src/lifecycle-stage';
import {
  isActionAllowed,
  LifecycleAction,
  nextStage,
  TransitionNotAllowedError,
} from '../../libs/domain/src/lifecycle-transition.table';
import { assessRisk, validateAssessmentAnswers } from '../../libs/domain/src/risk-assessment';
import { REVIEW_DECISIONS } from '../../libs/domain/src/approval-quorum';
import { ApprovableRiskTier } from '../../libs/domain/src/risk-tier';
import {
  emptyRetirementChecklist,
  isChecklistComplete,
  isRetirementChecklistItem,
  RetirementChecklist,
} from '../../libs/domain/src/retirement-checklist';
import { MONITORED_STAGES, startsImmediateReview } from '../../libs/domain/src/monitoring-event';
import { approvalWorkflowId } from '../../libs/temporal/src/workflow-ids';
import type { AppliedChange, AuditEntry, LifecycleChange } from './activity.contracts';
import { activities, mailActivities } from './activity-options';
import {
  awaitApprovalSettledUpdate,
  completeChecklistItemUpdate,
  decideReviewUpdate,
  lifecycleStateQuery,
  recordDeploymentUpdate,
  recordMonitoringEventUpdate,
  rollbackUpdate,
  startRetirementUpdate,
  submitForAssessmentUpdate,
  submitImpactAssessmentUpdate,
  syncUpdate,
} from './lifecycle.definitions';
import type { Actor, ApprovalRoundOutcome, LifecycleInput, LifecycleState, LifecycleView } from './lifecycle.types';
import { approvalRequest } from './approval-request.workflow';
import { badRequest, conflict, forbidden, notFound } from './refusal';

type ChangeBody = Omit<LifecycleChange, 'systemId' | 'seq' | 'auditStream'>;

const ROUND_OUTCOME_ACTIONS: Record<ApprovalRoundOutcome, LifecycleAction> = {
  approved: 'approval_granted',
  rejected: 'approval_rejected',
  changes_requested: 'approval_changes_requested',
  expired: 'approval_expired',
  no_eligible_approvers: 'approval_expired',
};

function initialState(input: LifecycleInput): LifecycleState {
  if (!input.registration) throw new Error('the first run of aiSystemLifecycle needs a registration');
  return {
    systemId: input.systemId,
    ownerId: input.registration.accountableOwnerId,
    stage: 'design',
    riskTier: null,
    riskReasons: [],
    seq: 0,
    auditSeq: 0,
    assessmentVersion: 0,
    approvalRound: 0,
    settledRound: 0,
    submittedById: null,
    currentVersion: null,
    approvedVersions: [],
    reviewCycle: 0,
    nextReviewAt: null,
    reviewDelayMs: null,
    reviewSchedule: 0,
    openReviewTaskId: null,
    openReviewAssigneeId: null,
    retirementChecklist: null,
    cyclesThisRun: 0,
  };
}

/**
 * One durable workflow per AI system (id `ai-system:<uuid>`): the single source of truth for
 * its lifecycle stage. Every human action is an Update whose validator consults the
 * transition table, so a refused action leaves no history and the API can answer 409.
 */
export async function aiSystemLifecycle(input: LifecycleInput): Promise<LifecycleView> {
  const state: LifecycleState = input.carried ?? initialState(input);
  const auditStream = `ai-system:${state.systemId}`;
  // A carried state was fully persisted before continueAsNew.
  let persistedSeq = state.seq;
  let persistence: Promise<unknown> = Promise.resolve();

  const view = (): LifecycleView => ({
    systemId: state.systemId,
    stage: state.stage,
    riskTier: state.riskTier,
    riskReasons: state.riskReasons,
    approvalRound: state.approvalRound,
    currentVersion: state.currentVersion,
    lastApprovedVersion: state.approvedVersions[state.approvedVersions.length - 1] ?? null,
    approvedVersions: state.approvedVersions,
    reviewCycle: state.reviewCycle,
    nextReviewAt: state.nextReviewAt,
    openReviewTaskId: state.openReviewTaskId,
    retirementChecklist: state.retirementChecklist,
    seq: state.seq,
    persistedSeq,
  });

  /** An audit entry; persist() numbers it, so numbers follow the order changes are written. */
  const audit = (eventType: string, actor: Actor | null, payload: Record<string, unknown>): AuditEntry => ({
    seq: 0,
    eventType,
    actor,
    payload,
  });

  /**
   * Changes are persisted strictly in order through one promise chain: the read model and
   * the audit hash chain must see them in the order the workflow made them.
   */
  const persist = (body: ChangeBody): Promise<AppliedChange> => {
    const seq = ++state.seq;
    // Numbering here, not where an entry is made: a handler may make an entry, await
    // something, and only then hand its change over, while another change goes first.
    const numbered = body.audit.map((entry) => ({ ...entry, seq: ++state.auditSeq }));
    const run = persistence.then(() =>
      activities.applyLifecycleChange({ ...body, audit: numbered, systemId: state.systemId, seq, auditStream }),
    );
    persistence = run.then(() => {
      persistedSeq = seq;
    });
    return run;
  };

  /** Moves the stage now (so later validators see it) and persists the change in order. */
  const transition = (
    action: LifecycleAction,
    actor: Actor | null,
    reason: string | null,
    extra: Partial<ChangeBody> & { auditPayload?: Record<string, unknown> } = {},
  ): Promise<AppliedChange> => {
    const from = state.stage;
    const to = nextStage(from, action);
    state.stage = to;
    const { auditPayload, ...rest } = extra;
    return persist({
      ...rest,
      transition: { action, from, to, reason },
      actor,
      projection: { ...(rest.projection ?? {}), stage: to },
      audit: [
        audit('ai_system.stage_changed', actor, { action, from, to, reason, ...(auditPayload ?? {}) }),
        ...(rest.audit ?? []),
      ],
    });
  };

  const requireAction = (action: LifecycleAction): void => {
    if (!isActionAllowed(state.stage, action)) conflict(new TransitionNotAllowedError(state.stage, action).message);
  };

  const tierPolicy = () => activities.getTierPolicy(state.riskTier as ApprovableRiskTier);

  const scheduleReview = (applied: AppliedChange): void => {
    state.nextReviewAt = applied.nextReviewAt;
    state.reviewDelayMs = applied.reviewDelayMs;
    state.reviewSchedule += 1;
  };

  const clearReview = (): void => {
    state.nextReviewAt = null;
    state.reviewDelayMs = null;
    state.reviewSchedule += 1;
  };

  /** Closes the open review task (if any) as part of another change. */
  const takeOpenReviewTask = (decision: LifecycleChange['closeTask']): LifecycleChange['closeTask'] | undefined => {
    if (!state.openReviewTaskId) return undefined;
    const close = decision ?? {
      taskId: state.openReviewTaskId,
      status: 'cancelled' as const,
      decision: null,
      comment: null,
      decidedById: null,
    };
    state.openReviewTaskId = null;
    state.openReviewAssigneeId = null;
    return close;
  };

  /** The version a rollback returns to: the named approved one, else the one before current. */
  const rollbackTarget = (requested: string | null): string | null => {
    if (requested) return requested;
    const earlier = state.approvedVersions.filter((v) => v !== state.currentVersion);
    return earlier[earlier.length - 1] ?? null;
  };

  const openReview = async (action: 'review_due' | 'critical_event', reason: string, extra: Partial<ChangeBody> = {}) => {
    const policy = await tierPolicy();
    const taskId = uuid4();
    state.openReviewTaskId = taskId;
    state.openReviewAssigneeId = state.ownerId;
    clearReview();
    await transition(action, null, reason, {
      ...extra,
      projection: { clearNextReview: true },
      reviewTask: { id: taskId, assigneeId: state.ownerId, cycle: state.reviewCycle + 1, dueWithin: policy.review.dueWithin, reason },
    });
    await mailActivities.sendTaskPrompt({ taskId, kind: 'request' });
  };

  // The registration is queued before any handler exists: an Update delivered with the start
  // (the API's sync right after starting) must find it as change 1, not overtake it.
  const registered = input.carried
    ? undefined
    : persist({
        transition: { action: 'registered', from: null, to: 'design', reason: null },
        actor: input.registration!.createdBy,
        projection: { stage: 'design' },
        registration: input.registration,
        audit: [
          audit('ai_system.registered', input.registration!.createdBy, {
            name: input.registration!.name,
            accountableOwnerId: input.registration!.accountableOwnerId,
          }),
        ],
      });

  setHandler(lifecycleStateQuery, view);

  setHandler(syncUpdate, async () => {
    await condition(() => persistedSeq >= state.seq);
    return view();
  });

  setHandler(
    awaitApprovalSettledUpdate,
    async (round) => {
      await condition(() => state.settledRound >= round && persistedSeq >= state.seq);
      return view();
    },
    {
      validator: (round) => {
        if (!Number.isInteger(round) || round < 1 || round > state.approvalRound) {
          badRequest(`approval round ${round} does not exist`, 'round');
        }
      },
    },
  );

  setHandler(
    submitForAssessmentUpdate,
    async (actor) => {
      state.submittedById = actor.userId;
      await transition('submit_for_assessment', actor, null, { projection: { submittedById: actor.userId } });
      return view();
    },
    { validator: (_actor) => requireAction('submit_for_assessment') },
  );

  setHandler(
    submitImpactAssessmentUpdate,
    async ({ actor, templateVersion, answers }) => {
      const result = assessRisk(answers);
      const version = ++state.assessmentVersion;
      state.riskTier = result.riskTier;
      state.riskReasons = result.reasons;
      const assessment = {
        version,
        templateVersion,
        answers,
        riskTier: result.riskTier,
        reasons: result.reasons,
        submittedById: actor.userId,
      };
      const assessed = audit('impact_assessment.submitted', actor, { version, riskTier: result.riskTier, reasons: result.reasons.map((r) => r.code) });
      const projection = { riskTier: result.riskTier, riskReasons: result.reasons };
      if (result.riskTier === 'prohibited') {
        await transition('assessment_prohibited', actor, 'the impact assessment found a prohibited practice', {
          assessment,
          projection,
          audit: [assessed],
        });
      } else {
        state.approvalRound += 1;
        await transition('assessment_completed', actor, `risk tier ${result.riskTier}`, {
          assessment,
          projection: { ...projection, approvalRound: state.approvalRound },
          audit: [assessed, audit('approval.round_requested', null, { round: state.approvalRound, riskTier: result.riskTier })],
        });
      }
      return { version, riskTier: result.riskTier, reasons: result.reasons, view: view() };
    },
    {
      validator: ({ answers }) => {
        requireAction('assessment_completed');
        const [problem] = validateAssessmentAnswers(answers);
        if (problem) badRequest(problem.reason, problem.field);
      },
    },
  );

  setHandler(
    recordDeploymentUpdate,
    async ({ actor, version, environment, configuration, model, datasets }) => {
      const redeploy = state.stage === 'rollback';
      if (!redeploy && !state.approvedVersions.includes(version)) state.approvedVersions.push(version);
      state.currentVersion = version;
      const policy = await tierPolicy();
      const applied = await transition('deploy', actor, redeploy ? 'redeployed an approved version' : null, {
        projection: { currentVersion: version, lastApprovedVersion: state.approvedVersions[state.approvedVersions.length - 1] },
        deployment: {
          id: uuid4(),
          version,
          environment,
          configuration,
          approvalRound: state.approvalRound,
          kind: redeploy ? 'redeploy' : 'deploy',
          ...(model !== undefined ? { model } : {}),
          ...(datasets !== undefined ? { datasets } : {}),
        },
        audit: [audit('deployment.recorded', actor, { version, environment, kind: redeploy ? 'redeploy' : 'deploy' })],
        scheduleReviewIn: policy.review.cadence,
      });
      scheduleReview(applied);
      return view();
    },
    {
      validator: ({ version }) => {
        requireAction('deploy');
        if (state.stage === 'rollback' && !state.approvedVersions.includes(version)) {
          conflict(
            `version '${version}' was never approved; approved versions: ${state.approvedVersions.join(', ') || 'none'}`,
            'version',
          );
        }
      },
    },
  );

  setHandler(
    recordMonitoringEventUpdate,
    async ({ actor, ...event }) => {
      const eventId = uuid4();
      const monitoringEvent = { ...event, id: eventId };
      const recorded = audit('monitoring_event.recorded', actor, { eventId, kind: event.kind, severity: event.severity, metric: event.metric });
      const reviewStarted = state.stage === 'operation' && startsImmediateReview(event.severity);
      if (reviewStarted) {
        await openReview('critical_event', `critical ${event.kind} event`, { monitoringEvent, actor, audit: [recorded] });
      } else {
        await persist({ transition: null, actor, projection: {}, audit: [recorded], monitoringEvent });
      }
      return { eventId, reviewStarted, view: view() };
    },
    {
      validator: (_event) => {
        if (!(MONITORED_STAGES as readonly LifecycleStage[]).includes(state.stage)) {
          conflict(`monitoring events are accepted only in stages ${MONITORED_STAGES.join(', ')}; the system is in '${state.stage}'`);
        }
      },
    },
  );

  const doRollback = async (action: 'rollback' | 'review_rollback', actor: Actor, reason: string, requested: string | null, closeTask?: LifecycleChange['closeTask']) => {
    const from = state.currentVersion;
    const target = rollbackTarget(requested);
    state.currentVersion = target;
    clearReview();
    await transition(action, actor, reason, {
      projection: { currentVersion: target, clearNextReview: true },
      closeTask: takeOpenReviewTask(closeTask),
      deployment: target
        ? { id: uuid4(), version: target, environment: 'rollback', configuration: {}, approvalRound: state.approvalRound, kind: 'rollback' }
        : undefined,
      auditPayload: { fromVersion: from, toVersion: target },
    });
  };

  setHandler(
    rollbackUpdate,
    async ({ actor, reason, targetVersion }) => {
      await doRollback('rollback', actor, reason, targetVersion);
      return view();
    },
    {
      validator: ({ targetVersion }) => {
        requireAction('rollback');
        if (targetVersion && !state.approvedVersions.includes(targetVersion)) {
          conflict(`version '${targetVersion}' was never approved; approved versions: ${state.approvedVersions.join(', ') || 'none'}`, 'targetVersion');
        }
        if (targetVersion && targetVersion === state.currentVersion) {
          conflict(`version '${targetVersion}' is already the current version`, 'targetVersion');
        }
      },
    },
  );

  const beginRetirement = async (action: 'retire' | 'review_retire', actor: Actor, reason: string, done: RetirementChecklist, closeTask?: LifecycleChange['closeTask']) => {
    state.retirementChecklist = done;
    clearReview();
    await transition(action, actor, reason, {
      projection: { retirementChecklist: done, clearNextReview: true },
      closeTask: takeOpenReviewTask(closeTask),
    });
    if (isChecklistComplete(done)) await transition('retirement_completed', actor, 'decommission checklist complete');
  };

  setHandler(
    startRetirementUpdate,
    async ({ actor, reason, completedItems }) => {
      const checklist = emptyRetirementChecklist();
      for (const item of completedItems) checklist[item] = { done: true, doneById: actor.userId, note: null };
      await beginRetirement('retire', actor, reason, checklist);
      return view();
    },
    {
      validator: ({ completedItems }) => {
        requireAction('retire');
        const bad = (completedItems as unknown[]).find((item) => !isRetirementChecklistItem(item));
        if (bad !== undefined) badRequest(`'${String(bad)}' is not a decommission checklist item`, 'completedItems');
      },
    },
  );

  setHandler(
    completeChecklistItemUpdate,
    async ({ actor, item, note }) => {
      const checklist = state.retirementChecklist as RetirementChecklist;
      checklist[item] = { done: true, doneById: actor.userId, note };
      await persist({
        transition: null,
        actor,
        projection: { retirementChecklist: checklist },
        audit: [audit('retirement.checklist_item_done', actor, { item, note })],
      });
      if (isChecklistComplete(checklist)) await transition('retirement_completed', actor, 'decommission checklist complete');
      return view();
    },
    {
      validator: ({ item }) => {
        if (state.stage !== 'retirement' || !state.retirementChecklist) {
          conflict(`the decommission checklist can be completed only in stage 'retirement'; the system is in '${state.stage}'`);
        }
        const key: unknown = item;
        if (!isRetirementChecklistItem(key)) return badRequest(`'${String(key)}' is not a decommission checklist item`, 'item');
        if (state.retirementChecklist?.[key].done) conflict(`checklist item '${key}' is already done`, 'item');
      },
    },
  );

  setHandler(
    decideReviewUpdate,
    async ({ actor, taskId, decision, comment }) => {
      const closeTask = { taskId, status: 'decided' as const, decision, comment, decidedById: actor.userId };
      const decided = audit('review.decided', actor, { taskId, decision, comment, cycle: state.reviewCycle + 1 });
      state.reviewCycle += 1;
      if (decision === 'continue') {
        const policy = await tierPolicy();
        const applied = await transition('review_continue', actor, comment || 'periodic review passed', {
          closeTask: takeOpenReviewTask(closeTask),
          audit: [decided],
          scheduleReviewIn: policy.review.cadence,
        });
        scheduleReview(applied);
        state.cyclesThisRun += 1;
      } else if (decision === 'rollback') {
        await doRollback('review_rollback', actor, comment || 'periodic review decided to roll back', null, closeTask);
      } else {
        await beginRetirement('review_retire', actor, comment || 'periodic review decided to retire', emptyRetirementChecklist(), closeTask);
      }
      return view();
    },
    {
      validator: ({ actor, taskId, decision }) => {
        if (state.stage !== 'periodic_review' || !state.openReviewTaskId) {
          conflict(`there is no open periodic review; the system is in '${state.stage}'`);
        }
        if (taskId !== state.openReviewTaskId) notFound(`task ${taskId} is not this system's open review task`, 'taskId');
        if (actor.userId !== state.openReviewAssigneeId) forbidden('only the assignee may decide this review', 'taskId');
        if (!(REVIEW_DECISIONS as readonly string[]).includes(decision)) {
          badRequest(`decision must be one of ${REVIEW_DECISIONS.join(', ')}`, 'decision');
        }
      },
    },
  );

  const runApprovalRound = async (): Promise<void> => {
    const round = state.approvalRound;
    const result = await executeChild(approvalRequest, {
      workflowId: approvalWorkflowId(state.systemId, round),
      args: [
        {
          systemId: state.systemId,
          round,
          riskTier: state.riskTier as ApprovableRiskTier,
          submittedById: state.submittedById,
          ownerId: state.ownerId,
        },
      ],
    });
    await transition(ROUND_OUTCOME_ACTIONS[result.outcome], null, result.reason ?? `approval round ${round}: ${result.outcome}`, {
      auditPayload: { round, outcome: result.outcome },
    });
    state.settledRound = round;
  };

  const readyToContinueAsNew = () => state.cyclesThisRun > 0 || workflowInfo().continueAsNewSuggested;

  await registered;

  for (;;) {
    const stage = state.stage;
    if (stage === 'approval' && state.settledRound < state.approvalRound) {
      await runApprovalRound();
    } else if (stage === 'operation') {
      if (readyToContinueAsNew()) {
        // Review-cycle boundary: start a fresh history so years of reviews stay bounded.
        await condition(() => allHandlersFinished() && persistedSeq >= state.seq);
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
        await openReview('review_due', 'periodic review due');
      }
    } else if (stage === 'retired') {
      await condition(() => allHandlersFinished() && persistedSeq >= state.seq);
      return view();
    } else {
      await condition(() => state.stage !== stage || (state.stage === 'approval' && state.settledRound < state.approvalRound));
    }
  }
}
