import type { ApprovalRoundOutcome } from './approval-quorum';

/**
 * Changes that alter what was assessed and approved (ISO/IEC 42001 6.3 planning of changes,
 * EU AI Act Art. 3(23) substantial modification): a new model or data version, a new purpose,
 * a new group of people affected, or a new scope (what it may use, call and decide, and its
 * autonomy: libs/domain/src/scope). Each sends the system back through impact assessment and
 * approval before the changed version may deploy; the approved version keeps running meanwhile.
 * A new scope takes effect when the change is approved (authorize reads it from then on).
 */
export const MATERIAL_CHANGE_KINDS = ['model', 'data', 'purpose', 'affected_groups', 'scope', 'reclassification'] as const;
export type MaterialChangeKind = (typeof MATERIAL_CHANGE_KINDS)[number];

/**
 * What a person proposes. A `reclassification` (the same system, re-assessed on a new
 * questionnaire version, now in another tier) is proposed by the engine itself when such a
 * re-assessment is answered (apps/api/src/questionnaire), never by hand.
 */
export const PROPOSABLE_MATERIAL_CHANGE_KINDS = MATERIAL_CHANGE_KINDS.filter(
  (kind): kind is Exclude<MaterialChangeKind, 'reclassification'> => kind !== 'reclassification',
);

/** assessment -> approval -> approved -> deployed, or rejected / returned (the old version stays). */
export const MATERIAL_CHANGE_STATUSES = ['assessment', 'approval', 'approved', 'deployed', 'rejected', 'returned'] as const;
export type MaterialChangeStatus = (typeof MATERIAL_CHANGE_STATUSES)[number];

/** Not yet deployed nor closed: it still blocks another change and may still be withdrawn. */
export const OPEN_MATERIAL_CHANGE_STATUSES = ['assessment', 'approval', 'approved'] as const satisfies readonly MaterialChangeStatus[];

export function isMaterialChangeOpen(status: MaterialChangeStatus): boolean {
  return (OPEN_MATERIAL_CHANGE_STATUSES as readonly MaterialChangeStatus[]).includes(status);
}

/** The outcome of the change's approval round, as the change's status. */
export function materialChangeStatusAfterRound(outcome: ApprovalRoundOutcome): MaterialChangeStatus {
  if (outcome === 'approved') return 'approved';
  if (outcome === 'rejected') return 'rejected';
  return 'returned';
}
