import { patched, setHandler, uuid4 } from '@temporalio/workflow';
import {
  emptyRetirementChecklist,
  isChecklistComplete,
  isRetirementChecklistItem,
  RetirementChecklist,
} from '@aigov/domain/retirement-checklist';
import type { AuditEntry, LifecycleChange } from '../activity.contracts';
import { completeChecklistItemUpdate, rollbackUpdate, startRetirementUpdate } from '../lifecycle.definitions';
import type { Actor } from '../lifecycle.types';
import { badRequest, conflict } from '../refusal';
import { withdrawChangeRound } from './approval-rounds';
import type { LifecycleContext } from './lifecycle-context';
import { PATCH_WITHDRAW_CHANGE_ROUND } from './lifecycle-patches';

/**
 * Takes the running version out of service (rollback) and returns to the named approved
 * version, else the one before it; with `suspend`, returns to none. Used by a person's
 * rollback, a review's rollback decision and a monitoring event's automatic intervention.
 */
export async function doRollback(
  ctx: LifecycleContext,
  action: 'rollback' | 'review_rollback',
  actor: Actor | null,
  reason: string,
  requested: string | null,
  closeTask?: LifecycleChange['closeTask'],
  extra: { monitoringEvent?: LifecycleChange['monitoringEvent']; audit?: AuditEntry[]; suspend?: boolean } = {},
): Promise<void> {
  const { state } = ctx;
  const from = state.currentVersion;
  const target = extra.suspend ? null : ctx.rollbackTarget(requested);
  state.currentVersion = target;
  ctx.clearReview();
  await ctx.transition(action, actor, reason, {
    ...(extra.monitoringEvent ? { monitoringEvent: extra.monitoringEvent } : {}),
    ...(extra.audit ? { audit: extra.audit } : {}),
    projection: { currentVersion: target, clearNextReview: true },
    closeTask: ctx.takeOpenReviewTask(closeTask),
    deployment: target
      ? { id: uuid4(), version: target, environment: 'rollback', configuration: {}, approvalRound: state.approvalRound, kind: 'rollback' }
      : undefined,
    auditPayload: { fromVersion: from, toVersion: target },
  });
}

/**
 * Starts retirement with the checklist items already done; returns an open material change
 * and calls off its running approval round; retires at once if nothing is left to do. Used by
 * a person's retirement and a review's retire decision.
 */
export async function beginRetirement(
  ctx: LifecycleContext,
  action: 'retire' | 'review_retire',
  actor: Actor,
  reason: string,
  done: RetirementChecklist,
  closeTask?: LifecycleChange['closeTask'],
): Promise<void> {
  const { state } = ctx;
  state.retirementChecklist = done;
  ctx.clearReview();
  // A change still waiting for assessment or deployment will never run: it is returned.
  const open = state.change && state.change.status !== 'approval' ? state.change : null;
  if (open) state.change = null;
  await ctx.transition(action, actor, reason, {
    projection: { retirementChecklist: done, clearNextReview: true },
    closeTask: ctx.takeOpenReviewTask(closeTask),
    ...(open
      ? {
          materialChangeUpdate: { id: open.id, status: 'returned' as const },
          audit: [ctx.audit('material_change.returned', actor, { changeId: open.id, reason: 'the system is being retired' })],
        }
      : {}),
  });
  // A change whose approval round is still running is called off: its approvers' tasks are
  // cancelled and the round reports 'withdrawn', which returns the change (runChangeRound).
  const inApproval = state.change?.status === 'approval' ? state.change : null;
  if (inApproval && ctx.changeRound && inApproval.round !== null && patched(PATCH_WITHDRAW_CHANGE_ROUND)) {
    await withdrawChangeRound(ctx, inApproval, inApproval.round, 'the system is being retired');
  }
  if (isChecklistComplete(done)) await ctx.transition('retirement_completed', actor, 'decommission checklist complete');
}

/** A person's rollback (operation or periodic_review -> rollback). */
export function installRollbackHandler(ctx: LifecycleContext): void {
  const { state } = ctx;

  setHandler(
    rollbackUpdate,
    async ({ actor, reason, targetVersion }) => {
      await doRollback(ctx, 'rollback', actor, reason, targetVersion);
      return ctx.view();
    },
    {
      validator: ({ targetVersion }) => {
        ctx.requireAction('rollback');
        if (targetVersion && !state.approvedVersions.includes(targetVersion)) {
          conflict(`version '${targetVersion}' was never approved; approved versions: ${state.approvedVersions.join(', ') || 'none'}`, 'targetVersion');
        }
        if (targetVersion && targetVersion === state.currentVersion) {
          conflict(`version '${targetVersion}' is already the current version`, 'targetVersion');
        }
      },
    },
  );
}

/** Retirement and its decommission checklist (retirement -> retired once every item is done). */
export function installRetirementHandlers(ctx: LifecycleContext): void {
  const { state } = ctx;

  setHandler(
    startRetirementUpdate,
    async ({ actor, reason, completedItems }) => {
      const checklist = emptyRetirementChecklist();
      for (const item of completedItems) checklist[item] = { done: true, doneById: actor.userId, note: null };
      await beginRetirement(ctx, 'retire', actor, reason, checklist);
      return ctx.view();
    },
    {
      validator: ({ completedItems }) => {
        ctx.requireAction('retire');
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
      await ctx.persist({
        transition: null,
        actor,
        projection: { retirementChecklist: checklist },
        audit: [ctx.audit('retirement.checklist_item_done', actor, { item, note })],
      });
      if (isChecklistComplete(checklist)) await ctx.transition('retirement_completed', actor, 'decommission checklist complete');
      return ctx.view();
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
}
