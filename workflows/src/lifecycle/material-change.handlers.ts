import { condition, setHandler, uuid4 } from '@temporalio/workflow';
import { proposeMaterialChangeUpdate, withdrawMaterialChangeUpdate } from '../lifecycle.definitions';
import { conflict } from '../refusal';
import { withdrawChangeRound } from './approval-rounds';
import type { LifecycleContext } from './lifecycle-context';

/*
 * A material change (new model, data, purpose or affected group) of a system in operation:
 * proposed here, re-assessed by the impact assessment handler, approved by its own round
 * (approval-rounds.ts) and deployed by the deployment handler. Two installers, because the
 * workflow installs the two handlers at different points (see aiSystemLifecycle).
 */

/** Proposes a change while the approved version keeps running. */
export function installProposeMaterialChangeHandler(ctx: LifecycleContext): void {
  const { state } = ctx;

  setHandler(
    proposeMaterialChangeUpdate,
    async ({ actor, kinds, description, version, model, datasets, newPurpose, newAffectedGroups, scope }) => {
      const id = uuid4();
      state.change = { id, status: 'assessment', kinds, version, round: null, model, datasets, newPurpose, newAffectedGroups, proposedById: actor.userId };
      await ctx.persist({
        transition: null,
        actor,
        projection: {},
        // The proposed scope rides to the activity only (not the workflow's state): it is written
        // beside the change and frozen by the change's approval. An activity input, not a command.
        materialChange: {
          id, kinds, description, version, model, datasets, newPurpose, newAffectedGroups, runningVersion: state.currentVersion, proposedById: actor.userId,
          ...(scope ? { scope } : {}),
        },
        audit: [ctx.audit('material_change.proposed', actor, { changeId: id, kinds, version, runningVersion: state.currentVersion, description })],
      });
      return ctx.view();
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
}

/** Withdraws an open change; one in approval has its round called off first. */
export function installWithdrawMaterialChangeHandler(ctx: LifecycleContext): void {
  const { state } = ctx;

  setHandler(
    withdrawMaterialChangeUpdate,
    async ({ actor, changeId, reason }) => {
      const change = state.change!;
      const withdrawn = ctx.audit('material_change.withdrawn', actor, { changeId, version: change.version, status: change.status, reason });
      if (change.status === 'approval' && ctx.changeRound && change.round !== null) {
        // The round reports 'withdrawn' and runChangeRound returns the change.
        change.withdrawing = true;
        await ctx.persist({ transition: null, actor, projection: {}, audit: [withdrawn] });
        await withdrawChangeRound(ctx, change, change.round, reason);
        await condition(() => state.change?.id !== changeId);
      } else {
        state.change = null;
        await ctx.persist({ transition: null, actor, projection: {}, materialChangeUpdate: { id: changeId, status: 'returned' }, audit: [withdrawn] });
      }
      return ctx.view();
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
}
