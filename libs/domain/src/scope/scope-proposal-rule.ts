import type { LifecycleStage } from '../lifecycle-stage';
import type { MaterialChangeKind, MaterialChangeStatus } from '../material-change';

/** The system's open material change, as the proposal rule needs it. */
export interface OpenChangeFacts {
  id: string;
  status: MaterialChangeStatus;
  kinds: readonly MaterialChangeKind[];
}

export type ScopeProposalTarget =
  /** the first approval's proposal (design, impact assessment) */
  | { ok: true; materialChangeId: null }
  /** the proposal of an open material change of kind 'scope', still in its assessment */
  | { ok: true; materialChangeId: string }
  | { ok: false; reason: string };

/**
 * Where a proposed scope may be written now, or why not. Before the first approval the owner
 * shapes it with the design and the assessment; once approvers are asked it is theirs to judge
 * and stays as they saw it; after approval it changes only through a material change of kind
 * 'scope', while that change is in its assessment. The approved scope itself never changes
 * here: only an approval freezes a proposal into it.
 */
export function scopeProposalTarget(stage: LifecycleStage, change: OpenChangeFacts | null): ScopeProposalTarget {
  if (stage === 'design' || stage === 'impact_assessment') return { ok: true, materialChangeId: null };
  if (stage === 'approval') {
    return { ok: false, reason: 'the proposed scope is with the approvers; it can change again only if they send the system back to design' };
  }
  if (stage === 'operation' || stage === 'periodic_review') {
    if (!change) {
      return { ok: false, reason: "the approved scope changes only through a material change: propose one with kind 'scope' (POST /api/v1/ai-systems/{id}/changes)" };
    }
    if (!change.kinds.includes('scope')) {
      return { ok: false, reason: `material change ${change.id} does not change the scope; withdraw it and propose one with kind 'scope'` };
    }
    if (change.status !== 'assessment') {
      return { ok: false, reason: `material change ${change.id} is in '${change.status}': its proposed scope is fixed once its approval round starts` };
    }
    return { ok: true, materialChangeId: change.id };
  }
  return { ok: false, reason: `a scope is proposed in design, in the impact assessment or with a material change; the system is in '${stage}'` };
}
