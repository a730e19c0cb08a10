import { uuid4 } from '@temporalio/workflow';
import { rollbackTargetVersion } from '@aigov/domain/monitoring-response';
import { TierPolicy } from '@aigov/domain/governance-policy.types';
import {
  isActionAllowed,
  LifecycleAction,
  nextStage,
  TransitionNotAllowedError,
} from '@aigov/domain/lifecycle-transition.table';
import { ApprovableRiskTier } from '@aigov/domain/risk-tier';
import type { AppliedChange, AuditEntry, LifecycleChange } from '../activity.contracts';
import { dbActivities, mailActivities } from '../activity-options';
import type { Actor, LifecycleInput, LifecycleState, LifecycleView } from '../lifecycle.types';
import { startPdcaItem } from '../pdca-item.start';
import type { PdcaItemInput } from '../pdca.types';
import { conflict } from '../refusal';

/** A change as a handler hands it over; persist() adds the system, the sequence number and the stream. */
export type ChangeBody = Omit<LifecycleChange, 'systemId' | 'seq' | 'auditStream'>;

export type TransitionExtra = Partial<ChangeBody> & { auditPayload?: Record<string, unknown> };

/**
 * What every handler module of aiSystemLifecycle shares: the workflow's state and the few
 * operations that change it in order. One object per run, made by createLifecycleContext; the
 * handler modules install their handlers over it (plain functions, no classes).
 */
export interface LifecycleContext {
  readonly state: LifecycleState;
  /** sequence number of the last change the read model has confirmed */
  persistedSeq: number;
  /** A material change's approval round runs beside operation and reviews, not instead of them. */
  changeRound: Promise<void> | null;
  view(): LifecycleView;
  /** An audit entry; persist() numbers it, so numbers follow the order changes are written. */
  audit(eventType: string, actor: Actor | null, payload: Record<string, unknown>): AuditEntry;
  /** Persists a change strictly after every change handed over before it. */
  persist(body: ChangeBody): Promise<AppliedChange>;
  /** Moves the stage now (so later validators see it) and persists the change in order. */
  transition(action: LifecycleAction, actor: Actor | null, reason: string | null, extra?: TransitionExtra): Promise<AppliedChange>;
  /** Refuses (409) an action the current stage does not allow. */
  requireAction(action: LifecycleAction): void;
  tierPolicy(): Promise<TierPolicy>;
  /** Takes the next review date an applied change scheduled. */
  scheduleReview(applied: AppliedChange): void;
  clearReview(): void;
  /** Closes the open review task (if any) as part of another change. */
  takeOpenReviewTask(decision: LifecycleChange['closeTask']): LifecycleChange['closeTask'] | undefined;
  /** The version a rollback returns to: the named approved one, else the one before current. */
  rollbackTarget(requested: string | null): string | null;
  /** Moves to periodic_review with a review task for the owner, and prompts them. */
  openReview(action: 'review_due' | 'critical_event' | 'monitoring_event', reason: string, extra?: Partial<ChangeBody>): Promise<void>;
  /** Opens a PDCA item of this system that outlives this run (continueAsNew) and this workflow. */
  openPdcaItem(item: Omit<PdcaItemInput, 'itemId' | 'aiSystemId'>): Promise<string>;
}

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

/** Issues no command: the caller decides when the first change is queued. */
export function createLifecycleContext(input: LifecycleInput): LifecycleContext {
  const state: LifecycleState = input.carried ?? initialState(input);
  const auditStream = `ai-system:${state.systemId}`;
  let persistence: Promise<unknown> = Promise.resolve();

  const ctx: LifecycleContext = {
    state,
    // A carried state was fully persisted before continueAsNew.
    persistedSeq: state.seq,
    changeRound: null,

    view: () => ({
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
      persistedSeq: ctx.persistedSeq,
    }),

    audit: (eventType, actor, payload) => ({ seq: 0, eventType, actor, payload }),

    /**
     * Changes are persisted strictly in order through one promise chain: the read model and
     * the audit hash chain must see them in the order the workflow made them.
     */
    persist: (body) => {
      const seq = ++state.seq;
      // Numbering here, not where an entry is made: a handler may make an entry, await
      // something, and only then hand its change over, while another change goes first.
      const numbered = body.audit.map((entry) => ({ ...entry, seq: ++state.auditSeq }));
      const run = persistence.then(() =>
        dbActivities().applyLifecycleChange({ ...body, audit: numbered, systemId: state.systemId, seq, auditStream }),
      );
      persistence = run.then(() => {
        ctx.persistedSeq = seq;
      });
      return run;
    },

    transition: (action, actor, reason, extra = {}) => {
      const from = state.stage;
      const to = nextStage(from, action);
      state.stage = to;
      const { auditPayload, ...rest } = extra;
      return ctx.persist({
        ...rest,
        transition: { action, from, to, reason },
        actor,
        projection: { ...(rest.projection ?? {}), stage: to },
        audit: [
          ctx.audit('ai_system.stage_changed', actor, { action, from, to, reason, ...(auditPayload ?? {}) }),
          ...(rest.audit ?? []),
        ],
      });
    },

    requireAction: (action) => {
      if (!isActionAllowed(state.stage, action)) conflict(new TransitionNotAllowedError(state.stage, action).message);
    },

    tierPolicy: () => dbActivities().getTierPolicy(state.riskTier as ApprovableRiskTier),

    scheduleReview: (applied) => {
      state.nextReviewAt = applied.nextReviewAt;
      state.reviewDelayMs = applied.reviewDelayMs;
      state.reviewSchedule += 1;
    },

    clearReview: () => {
      state.nextReviewAt = null;
      state.reviewDelayMs = null;
      state.reviewSchedule += 1;
    },

    takeOpenReviewTask: (decision) => {
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
    },

    rollbackTarget: (requested) => rollbackTargetVersion(state.approvedVersions, state.currentVersion, requested),

    openReview: async (action, reason, extra = {}) => {
      const policy = await ctx.tierPolicy();
      const taskId = uuid4();
      state.openReviewTaskId = taskId;
      state.openReviewAssigneeId = state.ownerId;
      ctx.clearReview();
      state.reviewNudges = 0;
      const applied = await ctx.transition(action, null, reason, {
        ...extra,
        projection: { clearNextReview: true },
        reviewTask: { id: taskId, assigneeId: state.ownerId, cycle: state.reviewCycle + 1, dueWithin: policy.review.dueWithin, reason },
      });
      state.openReviewDueInMs = applied.reviewTaskDueInMs ?? null;
      await mailActivities.sendTaskPrompt({ taskId, kind: 'request' });
    },

    openPdcaItem: (item) => startPdcaItem({ ...item, aiSystemId: state.systemId }),
  };
  return ctx;
}
