import type { EntityManager } from 'typeorm';
import { closeScopeProposal, freezeScopeProposal, writeScopeProposal } from '@aigov/persistence/scope/scope-store';
import type { LifecycleChange } from '@aigov/workflows/activity.contracts';

/**
 * What a lifecycle change means for the system's scope, written in the change's own transaction
 * (applyLifecycleChange, after the projection_seq check, so a retried activity writes it once):
 * - a registration or a material change that carries a scope: the proposal;
 * - the system's approval round approving it (approval_granted), or a material change's round
 *   approving the change: the proposal frozen as the approved scope, which authorize reads from
 *   this commit on;
 * - a rejection, or a change rejected or returned: the proposal closed.
 * The workflow's commands are untouched: the freeze rides on the change that records the outcome.
 */
export async function writeScopeOfChange(manager: EntityManager, change: LifecycleChange, now: Date): Promise<void> {
  const systemId = change.systemId;
  const actor = change.actor ? { id: change.actor.userId, label: change.actor.label } : { id: null, label: 'system' };
  if (change.registration?.scope) {
    await writeScopeProposal(manager, { aiSystemId: systemId, materialChangeId: null, scope: change.registration.scope, actor, source: 'registration', now });
  }
  if (change.materialChange?.scope) {
    await writeScopeProposal(manager, { aiSystemId: systemId, materialChangeId: change.materialChange.id, scope: change.materialChange.scope, actor, source: 'material_change', now });
  }
  const action = change.transition?.action;
  if (action === 'approval_granted') {
    const [row] = await manager.query('SELECT approval_round FROM ai_systems WHERE id = $1', [systemId]);
    await freezeScopeProposal(manager, { aiSystemId: systemId, materialChangeId: null, approvalRound: row?.approval_round ?? null, now });
  } else if (action === 'approval_rejected' || action === 'assessment_prohibited') {
    await closeScopeProposal(manager, { aiSystemId: systemId, materialChangeId: null, status: 'rejected', now });
  }
  const update = change.materialChangeUpdate;
  if (update?.status === 'approved') {
    const [row] = await manager.query('SELECT approval_round FROM material_changes WHERE id = $1', [update.id]);
    await freezeScopeProposal(manager, { aiSystemId: systemId, materialChangeId: update.id, approvalRound: update.approvalRound ?? row?.approval_round ?? null, now });
  } else if (update?.status === 'rejected' || update?.status === 'returned') {
    await closeScopeProposal(manager, { aiSystemId: systemId, materialChangeId: update.id, status: update.status, now });
  }
}
