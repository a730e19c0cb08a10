/**
 * Nonconformities, corrective actions and improvement opportunities (ISO/IEC 42001 and 27001
 * clause 10) run Plan-Do-Check-Act: plan (root cause, action, owner, due date), do (the owner
 * carries the action out), check (someone else verifies it worked), act (closed, or reopened
 * back to plan when it did not).
 */
export const PDCA_KINDS = ['nonconformity', 'corrective_action', 'improvement'] as const;
export type PdcaKind = (typeof PDCA_KINDS)[number];

export const PDCA_PHASES = ['plan', 'do', 'check', 'closed'] as const;
export type PdcaPhase = (typeof PDCA_PHASES)[number];

/** What an item came from; the id points at that record. */
export const PDCA_SOURCE_TYPES = ['ai_system', 'review', 'incident', 'audit_finding', 'management_review', 'other'] as const;
export type PdcaSourceType = (typeof PDCA_SOURCE_TYPES)[number];

export type PdcaAction = 'plan' | 'complete' | 'verify';

const ACTION_PHASE: Record<PdcaAction, PdcaPhase> = { plan: 'plan', complete: 'do', verify: 'check' };

/** The phase an action is taken in; planning may also be revised while the work is being done. */
export function isPdcaActionAllowed(phase: PdcaPhase, action: PdcaAction): boolean {
  return ACTION_PHASE[action] === phase || (action === 'plan' && phase === 'do');
}

export function pdcaActionRefusal(phase: PdcaPhase, action: PdcaAction): string | null {
  if (isPdcaActionAllowed(phase, action)) return null;
  if (phase === 'closed') return `the item is closed; '${action}' is no longer possible`;
  return `'${action}' is taken in phase '${ACTION_PHASE[action]}'; the item is in phase '${phase}'`;
}

/** The phase after an action: a failed effectiveness check sends the item back to planning. */
export function pdcaNextPhase(action: PdcaAction, effective?: boolean): PdcaPhase {
  if (action === 'plan') return 'do';
  if (action === 'complete') return 'check';
  return effective ? 'closed' : 'plan';
}

/**
 * Segregation of duties for the check: the owner and whoever carried the action out cannot
 * verify their own work. Returns the reason, or null when `verifierId` may verify.
 */
export function verifierConflict(verifierId: string, ownerId: string | null, completedById: string | null): string | null {
  if (verifierId === ownerId) return 'the owner cannot verify the effectiveness of their own action';
  if (verifierId === completedById) return 'whoever carried the action out cannot verify its effectiveness';
  return null;
}
