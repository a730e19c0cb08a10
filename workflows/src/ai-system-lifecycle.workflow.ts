import {
  allHandlersFinished,
  condition,
  continueAsNew,
  executeChild,
  getExternalWorkflowHandle,
  patched,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import { artifactDrift } from '@aigov/domain/artifact-ref';
import { isoDurationToApproxMs } from '@aigov/domain/iso-duration';
import { isMaterialChangeOpen, materialChangeStatusAfterRound } from '@aigov/domain/material-change';
import {
  DEFAULT_MONITORING_THRESHOLDS,
  isAutomaticIntervention,
  MonitoringResponse,
  rollbackTargetVersion,
} from '@aigov/domain/monitoring-response';
import { reviewChecklistProblem, reviewFindings } from '@aigov/domain/review-checklist';
import { LifecycleStage } from '@aigov/domain/lifecycle-stage';
import {
  isActionAllowed,
  LifecycleAction,
  nextStage,
  TransitionNotAllowedError,
} from '@aigov/domain/lifecycle-transition.table';
import { assessRisk, validateAssessmentAnswers } from '@aigov/domain/risk-assessment';
import { REVIEW_DECISIONS } from '@aigov/domain/approval-quorum';
import { ApprovableRiskTier } from '@aigov/domain/risk-tier';
import {
  emptyRetirementChecklist,
  isChecklistComplete,
  isRetirementChecklistItem,
  RetirementChecklist,
} from '@aigov/domain/retirement-checklist';
import { MONITORED_STAGES, startsImmediateReview } from '@aigov/domain/monitoring-event';
import { approvalWorkflowId } from '@aigov/temporal/workflow-ids';
import type { AppliedChange, AuditEntry, LifecycleChange } from './activity.contracts';
import { activities, mailActivities } from './activity-options';
import {
  awaitApprovalSettledUpdate,
  completeChecklistItemUpdate,
  decideReviewUpdate,
  lifecycleStateQuery,
  proposeMaterialChangeUpdate,
  recordDeploymentUpdate,
  recordMonitoringEventUpdate,
  rollbackUpdate,
  startRetirementUpdate,
  submitForAssessmentUpdate,
  submitImpactAssessmentUpdate,
  syncUpdate,
  withdrawApprovalSignal,
  withdrawMaterialChangeUpdate,
} from './lifecycle.definitions';
import type { Actor, ApprovalRoundOutcome, DeploymentInput, LifecycleInput, LifecycleState, LifecycleView, MaterialChangeState } from './lifecycle.types';
import { approvalRequest } from './approval-request.workflow';
import { startPdcaItem } from './pdca-item.start';
import type { PdcaItemInput } from './pdca.types';
import { badRequest, conflict, forbidden, notFound } from './refusal';

type ChangeBody = Omit<LifecycleChange, 'systemId' | 'seq' | 'auditStream'>;

const ROUND_OUTCOME_ACTIONS: Record<ApprovalRoundOutcome, LifecycleAction> = {
  approved: 'approval_granted',
  rejected: 'approval_rejected',
  changes_requested: 'approval_changes_requested',
  expired: 'approval_expired',
  no_eligible_approvers: 'approval_expired',
  // only a material change's round is ever withdrawn; were a main round, it goes back to design
  withdrawn: 'approval_changes_requested',
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
    openReviewDueInMs: null,
    reviewNudges: 0,
    change: null,
  };
}

/** Patch ids: histories recorded before these changes replay along the old path. */
const PATCH_MONITORING_THRESHOLDS = 'monitoring-thresholds-v1';
const PATCH_OVERDUE_REVIEWS = 'overdue-review-reminders-v1';
const PATCH_WITHDRAW_CHANGE_ROUND = 'withdraw-change-round-on-retirement-v1';
const PATCH_REVIEW_POLICY_ON_ESCALATION = 'overdue-review-policy-read-on-escalation-v1';

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
    materialChange: state.change
      ? { id: state.change.id, status: state.change.status, version: state.change.version, kinds: state.change.kinds, round: state.change.round }
      : null,
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
  const rollbackTarget = (requested: string | null): string | null =>
    rollbackTargetVersion(state.approvedVersions, state.currentVersion, requested);

  const openReview = async (action: 'review_due' | 'critical_event' | 'monitoring_event', reason: string, extra: Partial<ChangeBody> = {}) => {
    const policy = await tierPolicy();
    const taskId = uuid4();
    state.openReviewTaskId = taskId;
    state.openReviewAssigneeId = state.ownerId;
    clearReview();
    state.reviewNudges = 0;
    const applied = await transition(action, null, reason, {
      ...extra,
      projection: { clearNextReview: true },
      reviewTask: { id: taskId, assigneeId: state.ownerId, cycle: state.reviewCycle + 1, dueWithin: policy.review.dueWithin, reason },
    });
    state.openReviewDueInMs = applied.reviewTaskDueInMs ?? null;
    await mailActivities.sendTaskPrompt({ taskId, kind: 'request' });
  };

  /** Opens a PDCA item of this system that outlives this run (continueAsNew) and this workflow. */
  const openPdcaItem = (item: Omit<PdcaItemInput, 'itemId' | 'aiSystemId'>): Promise<string> =>
    startPdcaItem({ ...item, aiSystemId: state.systemId });

  /** A material change's approval round runs beside operation and reviews, not instead of them. */
  let changeRound: Promise<void> | null = null;
  /** Calls off a change's running approval round; runChangeRound then returns the change. */
  const withdrawChangeRound = async (change: MaterialChangeState, round: number, reason: string): Promise<void> => {
    change.withdrawing = true;
    try {
      await getExternalWorkflowHandle(approvalWorkflowId(state.systemId, round)).signal(withdrawApprovalSignal, { reason });
    } catch {
      // The round had already ended; runChangeRound is applying its result and returns the change.
    }
  };
  const runChangeRound = async (): Promise<void> => {
    const change = state.change!;
    const round = state.approvalRound;
    const result = await executeChild(approvalRequest, {
      workflowId: approvalWorkflowId(state.systemId, round),
      args: [{ systemId: state.systemId, round, riskTier: state.riskTier as ApprovableRiskTier, submittedById: state.submittedById, ownerId: state.ownerId }],
    });
    const decided = materialChangeStatusAfterRound(result.outcome);
    // Called off while the round was ending (it approved before the withdrawal reached it):
    // the change is still returned, never left approved on a system that withdrew it.
    const status = change.withdrawing && isMaterialChangeOpen(decided) ? 'returned' : decided;
    change.status = status;
    await persist({
      transition: null,
      actor: null,
      projection: {},
      materialChangeUpdate: { id: change.id, status },
      audit: [audit(`material_change.${status}`, null, { changeId: change.id, version: change.version, round, outcome: result.outcome, reason: result.reason })],
    });
    if (!isMaterialChangeOpen(status)) state.change = null;
    state.settledRound = round;
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
      const change = state.change?.status === 'assessment' ? state.change : null;
      if (change && result.riskTier === 'prohibited') {
        // The change is refused; the approved version keeps running under its own assessment.
        change.status = 'rejected';
        state.change = null;
        await persist({
          transition: null,
          actor,
          projection: {},
          assessment,
          materialChangeUpdate: { id: change.id, status: 'rejected', assessmentVersion: version },
          audit: [assessed, audit('material_change.rejected', actor, { changeId: change.id, reason: 'the re-assessment found a prohibited practice' })],
        });
      } else if (change) {
        state.approvalRound += 1;
        change.status = 'approval';
        change.round = state.approvalRound;
        await persist({
          transition: null,
          actor,
          assessment,
          projection: { ...projection, approvalRound: state.approvalRound },
          materialChangeUpdate: { id: change.id, status: 'approval', assessmentVersion: version, approvalRound: state.approvalRound },
          audit: [assessed, audit('approval.round_requested', null, { round: state.approvalRound, riskTier: result.riskTier, changeId: change.id })],
        });
        changeRound = runChangeRound().then(() => {
          changeRound = null;
        });
      } else if (result.riskTier === 'prohibited') {
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
        if (state.change?.status !== 'assessment') requireAction('assessment_completed');
        const [problem] = validateAssessmentAnswers(answers);
        if (problem) badRequest(problem.reason, problem.field);
      },
    },
  );

  /** Deploys an approved material change over the running version (stage stays 'operation'). */
  const deployChange = async ({ actor, version, environment, configuration, model, datasets }: DeploymentInput) => {
    const change = state.change!;
    state.approvedVersions.push(version);
    state.currentVersion = version;
    const policy = await tierPolicy();
    const applied = await transition('deploy_change', actor, `material change deployed (${change.kinds.join(', ')})`, {
      projection: {
        currentVersion: version,
        lastApprovedVersion: version,
        ...(change.newPurpose ? { purpose: change.newPurpose } : {}),
        ...(change.newAffectedGroups.length ? { affectedStakeholders: change.newAffectedGroups } : {}),
      },
      deployment: {
        id: uuid4(),
        version,
        environment,
        configuration,
        approvalRound: change.round ?? state.approvalRound,
        kind: 'deploy',
        model: model ?? change.model,
        datasets: datasets ?? change.datasets,
      },
      materialChangeUpdate: { id: change.id, status: 'deployed' },
      audit: [audit('deployment.recorded', actor, { version, environment, kind: 'deploy', changeId: change.id })],
      scheduleReviewIn: policy.review.cadence,
    });
    state.change = null;
    scheduleReview(applied);
    return view();
  };

  const recordDeploymentHandler = async (input: DeploymentInput) => {
    if (state.stage === 'operation') return deployChange(input);
    const { actor, version, environment, configuration, model, datasets } = input;
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
  };

  setHandler(
    recordDeploymentUpdate,
    recordDeploymentHandler,
    {
      validator: ({ version, model, datasets }) => {
        if (state.stage === 'operation') {
          const change = state.change;
          if (!change || change.status !== 'approved') {
            return conflict(
              `version '${version}' is not approved: while '${state.currentVersion}' runs, a new model, data, purpose or affected group ` +
                `needs a material change (POST /api/v1/ai-systems/${state.systemId}/changes), re-assessed and approved${change ? `; change ${change.id} is in '${change.status}'` : ''}`,
              'version',
            );
          }
          if (version !== change.version) conflict(`the approved material change deploys as version '${change.version}', not '${version}'`, 'version');
          const drift = artifactDrift(
            { model: change.model, datasets: change.datasets },
            { model: model === undefined ? change.model : model, datasets: datasets ?? change.datasets },
          );
          if (drift) conflict(drift.reason.replace('this version was deployed with', 'the approved change names'), drift.field);
          return;
        }
        requireAction('deploy');
        if (state.stage === 'rollback' && !state.approvedVersions.includes(version)) {
          if (state.change?.status === 'approved' && state.change.version === version) {
            // The change was approved against the running system; it replaces a running version.
            conflict(
              `version '${version}' is an approved material change: redeploy one of ${state.approvedVersions.join(', ')} first, then deploy the change from operation`,
              'version',
            );
          }
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
      if (!patched(PATCH_MONITORING_THRESHOLDS)) {
        const recorded = audit('monitoring_event.recorded', actor, { eventId, kind: event.kind, severity: event.severity, metric: event.metric });
        const reviewStarted = state.stage === 'operation' && startsImmediateReview(event.severity);
        if (reviewStarted) {
          await openReview('critical_event', `critical ${event.kind} event`, { monitoringEvent, actor, audit: [recorded] });
        } else {
          await persist({ transition: null, actor, projection: {}, audit: [recorded], monitoringEvent });
        }
        return { eventId, reviewStarted, response: reviewStarted ? 'review' : 'record', incidentItemId: null, view: view() };
      }
      // The tier's thresholds decide: record, review now, or roll back / suspend at once.
      const policy = state.riskTier && state.riskTier !== 'prohibited' ? await tierPolicy() : null;
      const response: MonitoringResponse = (policy?.monitoring ?? DEFAULT_MONITORING_THRESHOLDS)[event.severity];
      const recorded = audit('monitoring_event.recorded', actor, {
        eventId, kind: event.kind, severity: event.severity, metric: event.metric, observedValue: event.observedValue, threshold: event.threshold, response,
      });
      const what = `${event.severity} ${event.kind} event${event.metric ? ` on ${event.metric}` : ''}${
        event.observedValue !== null ? ` (observed ${event.observedValue}${event.threshold !== null ? `, threshold ${event.threshold}` : ''})` : ''
      }`;
      if (response === 'review' && state.stage === 'operation') {
        await openReview(event.severity === 'critical' ? 'critical_event' : 'monitoring_event', what, { monitoringEvent, actor, audit: [recorded] });
        return { eventId, reviewStarted: true, response, incidentItemId: null, view: view() };
      }
      if (isAutomaticIntervention(response) && (state.stage === 'operation' || state.stage === 'periodic_review')) {
        const target = response === 'rollback' ? rollbackTarget(null) : null;
        const from = state.currentVersion;
        const reason = target ? `automatic rollback to ${target} after a ${what}` : `automatic suspension after a ${what}`;
        await doRollback('rollback', actor, reason, target, undefined, { monitoringEvent, audit: [recorded], suspend: target === null });
        // A person decides what happens next: the incident review is a nonconformity with its own plan and check.
        const incidentItemId = await openPdcaItem({
          kind: 'nonconformity',
          title: `Incident review: ${what}`,
          description: `${reason}. Version ${from ?? 'none'} was taken out of service${target ? ` and ${target} restored` : ''}. Establish the root cause and decide whether to redeploy, remediate or retire.`,
          source: { type: 'incident', id: eventId },
          ownerId: state.ownerId,
          due: { within: policy?.review.dueWithin ?? 'P14D' },
          createdBy: actor,
        });
        await persist({ transition: null, actor, projection: {}, audit: [audit('incident_review.opened', actor, { eventId, pdcaItemId: incidentItemId, fromVersion: from, toVersion: target })] });
        await activities.notify({
          key: `incident:${eventId}`,
          recipients: { userIds: [state.ownerId], selector: { roles: ['governance_office'], users: [], relations: [] } },
          systemId: state.systemId,
          subject: target ? `Rolled back to ${target} after a ${event.severity} ${event.kind} event` : `Suspended after a ${event.severity} ${event.kind} event`,
          text: `${reason}.\n\nFrom version: ${from ?? 'none'}\nTo version: ${target ?? 'none (out of service)'}\nSource: ${event.source ?? 'not given'}\n${event.description ?? ''}\n\nAn incident review has been opened for the accountable owner; it needs a human decision.`,
        });
        return { eventId, reviewStarted: false, response, incidentItemId, view: view() };
      }
      await persist({ transition: null, actor, projection: {}, audit: [recorded], monitoringEvent });
      return { eventId, reviewStarted: false, response, incidentItemId: null, view: view() };
    },
    {
      validator: (_event) => {
        if (!(MONITORED_STAGES as readonly LifecycleStage[]).includes(state.stage)) {
          conflict(`monitoring events are accepted only in stages ${MONITORED_STAGES.join(', ')}; the system is in '${state.stage}'`);
        }
      },
    },
  );

  const doRollback = async (
    action: 'rollback' | 'review_rollback',
    actor: Actor | null,
    reason: string,
    requested: string | null,
    closeTask?: LifecycleChange['closeTask'],
    extra: { monitoringEvent?: LifecycleChange['monitoringEvent']; audit?: AuditEntry[]; suspend?: boolean } = {},
  ) => {
    const from = state.currentVersion;
    const target = extra.suspend ? null : rollbackTarget(requested);
    state.currentVersion = target;
    clearReview();
    await transition(action, actor, reason, {
      ...(extra.monitoringEvent ? { monitoringEvent: extra.monitoringEvent } : {}),
      ...(extra.audit ? { audit: extra.audit } : {}),
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
    // A change still waiting for assessment or deployment will never run: it is returned.
    const open = state.change && state.change.status !== 'approval' ? state.change : null;
    if (open) state.change = null;
    await transition(action, actor, reason, {
      projection: { retirementChecklist: done, clearNextReview: true },
      closeTask: takeOpenReviewTask(closeTask),
      ...(open
        ? {
            materialChangeUpdate: { id: open.id, status: 'returned' as const },
            audit: [audit('material_change.returned', actor, { changeId: open.id, reason: 'the system is being retired' })],
          }
        : {}),
    });
    // A change whose approval round is still running is called off: its approvers' tasks are
    // cancelled and the round reports 'withdrawn', which returns the change (runChangeRound).
    const inApproval = state.change?.status === 'approval' ? state.change : null;
    if (inApproval && changeRound && inApproval.round !== null && patched(PATCH_WITHDRAW_CHANGE_ROUND)) {
      await withdrawChangeRound(inApproval, inApproval.round, 'the system is being retired');
    }
    if (isChecklistComplete(done)) await transition('retirement_completed', actor, 'decommission checklist complete');
  };

  setHandler(
    withdrawMaterialChangeUpdate,
    async ({ actor, changeId, reason }) => {
      const change = state.change!;
      const withdrawn = audit('material_change.withdrawn', actor, { changeId, version: change.version, status: change.status, reason });
      if (change.status === 'approval' && changeRound && change.round !== null) {
        // The round reports 'withdrawn' and runChangeRound returns the change.
        change.withdrawing = true;
        await persist({ transition: null, actor, projection: {}, audit: [withdrawn] });
        await withdrawChangeRound(change, change.round, reason);
        await condition(() => state.change?.id !== changeId);
      } else {
        state.change = null;
        await persist({ transition: null, actor, projection: {}, materialChangeUpdate: { id: changeId, status: 'returned' }, audit: [withdrawn] });
      }
      return view();
    },
    {
      validator: ({ changeId }) => {
        const change = state.change;
        // The API has checked that the change exists; here it has just closed (or never was this system's).
        if (!change || change.id !== changeId) return conflict(`material change ${changeId} is no longer open`, 'changeId');
        if (change.withdrawing) conflict(`material change ${changeId} is already being withdrawn`, 'changeId');
      },
    },
  );

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
    proposeMaterialChangeUpdate,
    async ({ actor, kinds, description, version, model, datasets, newPurpose, newAffectedGroups }) => {
      const id = uuid4();
      state.change = { id, status: 'assessment', kinds, version, round: null, model, datasets, newPurpose, newAffectedGroups };
      await persist({
        transition: null,
        actor,
        projection: {},
        materialChange: { id, kinds, description, version, model, datasets, newPurpose, newAffectedGroups, runningVersion: state.currentVersion, proposedById: actor.userId },
        audit: [audit('material_change.proposed', actor, { changeId: id, kinds, version, runningVersion: state.currentVersion, description })],
      });
      return view();
    },
    {
      validator: ({ version }) => {
        if (state.stage !== 'operation' && state.stage !== 'periodic_review') {
          conflict(`a material change is proposed for a system in operation; the system is in '${state.stage}'`);
        }
        if (state.change) conflict(`material change ${state.change.id} (version ${state.change.version}) is still in '${state.change.status}'`);
        if (state.approvedVersions.includes(version)) conflict(`version '${version}' is already approved; a changed system needs a new version label`, 'version');
      },
    },
  );

  setHandler(
    decideReviewUpdate,
    async ({ actor, taskId, decision, comment, checklist, evidence, correctiveAction }) => {
      const closeTask = {
        taskId,
        status: 'decided' as const,
        decision,
        comment,
        decidedById: actor.userId,
        ...(checklist ? { checklist, evidence: evidence ?? [] } : {}),
      };
      const decided = audit('review.decided', actor, {
        taskId,
        decision,
        comment,
        cycle: state.reviewCycle + 1,
        ...(checklist ? { findings: reviewFindings(checklist), evidence: evidence ?? [] } : {}),
      });
      state.reviewCycle += 1;
      if (decision === 'remediate') {
        // The system keeps running; the corrective action is its own PDCA workflow.
        const policy = await tierPolicy();
        const action = correctiveAction!;
        const itemId = await openPdcaItem({
          kind: 'corrective_action',
          title: action.title,
          description: action.description,
          source: { type: 'review', id: taskId },
          ownerId: action.ownerId,
          due: action.dueAt ? { at: action.dueAt } : { within: policy.review.dueWithin },
          createdBy: actor,
        });
        const applied = await transition('review_remediate', actor, comment, {
          closeTask: takeOpenReviewTask(closeTask),
          audit: [decided, audit('corrective_action.opened', actor, { pdcaItemId: itemId, taskId, title: action.title, ownerId: action.ownerId })],
          scheduleReviewIn: policy.review.cadence,
        });
        scheduleReview(applied);
        state.cyclesThisRun += 1;
      } else if (decision === 'continue') {
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
      validator: ({ actor, taskId, decision, checklist, correctiveAction }) => {
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

  // Not while a change's approval round (a child that continueAsNew would end) is running.
  const readyToContinueAsNew = () => changeRound === null && (state.cyclesThisRun > 0 || workflowInfo().continueAsNewSuggested);

  /**
   * An open review that passes its due date reminds its assignee; left open for the policy's
   * escalation delay after that, it is escalated. Returns when something changed.
   */
  const superviseOpenReview = async (): Promise<void> => {
    const taskId = state.openReviewTaskId!;
    const nudges = state.reviewNudges ?? 0;
    const gone = () => state.stage !== 'periodic_review' || state.openReviewTaskId !== taskId;
    if (nudges >= 2) {
      await condition(gone);
      return;
    }
    // The policy is needed only to escalate; openReview has just read it for the reminder's due
    // date. Runs recorded before the patch read it at the reminder step too.
    const policy = nudges > 0 || !patched(PATCH_REVIEW_POLICY_ON_ESCALATION) ? await tierPolicy() : null;
    const wait = policy && nudges > 0 ? isoDurationToApproxMs(policy.review.escalateAfterDue ?? policy.review.dueWithin) : Math.max(state.openReviewDueInMs ?? 0, 1);
    if (await condition(gone, wait)) return;
    state.reviewNudges = nudges + 1;
    const field = nudges === 0 ? ('reminded' as const) : ('escalated' as const);
    await persist({
      transition: null,
      actor: null,
      projection: {},
      markTask: { taskId, field },
      audit: [audit(nudges === 0 ? 'review.overdue_reminded' : 'review.escalated', null, { taskId, cycle: state.reviewCycle + 1 })],
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
  };

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
    } else if (
      stage === 'periodic_review' &&
      state.openReviewTaskId &&
      state.openReviewDueInMs !== null &&
      state.openReviewDueInMs !== undefined &&
      patched(PATCH_OVERDUE_REVIEWS)
    ) {
      await superviseOpenReview();
    } else if (stage === 'retired') {
      // A withdrawn change's round still reports back; the run ends once the change is returned.
      await condition(() => !state.change?.withdrawing && allHandlersFinished() && persistedSeq >= state.seq);
      return view();
    } else {
      await condition(() => state.stage !== stage || (state.stage === 'approval' && state.settledRound < state.approvalRound));
    }
  }
}
