export interface ApproverCandidate {
  id: string;
  email: string;
}

/**
 * Why someone is not asked to approve: they submitted the system, own it, proposed or assessed
 * the material change being approved, edited the document being approved, or rated the risk
 * whose acceptance is approved or asked for that acceptance.
 */
export type ExclusionReason = 'submitter' | 'accountable_owner' | 'change_proposer' | 'change_assessor' | 'document_editor' | 'risk_rater' | 'acceptance_requester';

/** A conflict beyond the system's submitter and owner, named with its reason. */
export interface ConflictOfInterest {
  id: string;
  reason: Exclude<ExclusionReason, 'submitter' | 'accountable_owner'>;
}

/** Who may not approve a round, as the approval round passes it to the routing. */
export interface ApprovalConflicts {
  submitterId: string | null;
  ownerId: string | null;
  /** further people with a stake in what is approved (absent in rounds started before they existed) */
  others?: ConflictOfInterest[];
}

/** What the validators answer a conflicted person, one sentence per reason. */
export const CONFLICT_REFUSALS: Record<ExclusionReason, string> = {
  // said of any subject: a Statement of Applicability's submitter is refused with this too
  submitter: 'whoever submitted it for approval may not approve it',
  accountable_owner: 'the accountable owner may not approve their own system',
  change_proposer: 'whoever proposed a material change may not approve it',
  change_assessor: "whoever answered a material change's impact assessment may not approve it",
  document_editor: 'whoever edited a document may not approve its publication',
  risk_rater: 'whoever rated a risk may not approve accepting it',
  acceptance_requester: 'whoever asked for a risk to be accepted may not approve the acceptance',
};

/** The reason this person may not approve, or null when they may. */
export function conflictOf(userId: string, conflicts: ApprovalConflicts): ExclusionReason | null {
  if (conflicts.submitterId && userId === conflicts.submitterId) return 'submitter';
  if (conflicts.ownerId && userId === conflicts.ownerId) return 'accountable_owner';
  return conflicts.others?.find((o) => o.id === userId)?.reason ?? null;
}

/**
 * Segregation of duties (ISO/IEC 27001 A.5.3): whoever submitted a system, its accountable
 * owner, and anyone named in `others` (a material change's proposer and assessor, a document's
 * editors) never approve it. Candidates found through several roles count once.
 */
export function selectEligibleApprovers<T extends ApproverCandidate>(
  candidates: T[],
  conflicts: { submitterId?: string; ownerId?: string; ownerEmail?: string; others?: ConflictOfInterest[] },
): { eligible: T[]; excluded: Array<{ id: string; email: string; reason: ExclusionReason }> } {
  const seen = new Set<string>();
  const eligible: T[] = [];
  const excluded: Array<{ id: string; email: string; reason: ExclusionReason }> = [];
  const ownerEmail = conflicts.ownerEmail?.toLowerCase();
  for (const c of candidates) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const other = conflicts.others?.find((o) => o.id === c.id);
    if (conflicts.submitterId && c.id === conflicts.submitterId) {
      excluded.push({ id: c.id, email: c.email, reason: 'submitter' });
    } else if ((conflicts.ownerId && c.id === conflicts.ownerId) || (ownerEmail && c.email.toLowerCase() === ownerEmail)) {
      excluded.push({ id: c.id, email: c.email, reason: 'accountable_owner' });
    } else if (other) {
      excluded.push({ id: c.id, email: c.email, reason: other.reason });
    } else {
      eligible.push(c);
    }
  }
  return { eligible, excluded };
}
