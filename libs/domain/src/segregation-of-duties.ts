export interface ApproverCandidate {
  id: string;
  email: string;
}

export type ExclusionReason = 'submitter' | 'accountable_owner';

/**
 * Segregation of duties (ISO/IEC 27001 A.5.3): whoever submitted a system, and its accountable
 * owner, never approve it. Candidates found through several roles count once.
 */
export function selectEligibleApprovers<T extends ApproverCandidate>(
  candidates: T[],
  conflicts: { submitterId?: string; ownerId?: string; ownerEmail?: string },
): { eligible: T[]; excluded: Array<{ id: string; email: string; reason: ExclusionReason }> } {
  const seen = new Set<string>();
  const eligible: T[] = [];
  const excluded: Array<{ id: string; email: string; reason: ExclusionReason }> = [];
  const ownerEmail = conflicts.ownerEmail?.toLowerCase();
  for (const c of candidates) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    if (conflicts.submitterId && c.id === conflicts.submitterId) {
      excluded.push({ id: c.id, email: c.email, reason: 'submitter' });
    } else if ((conflicts.ownerId && c.id === conflicts.ownerId) || (ownerEmail && c.email.toLowerCase() === ownerEmail)) {
      excluded.push({ id: c.id, email: c.email, reason: 'accountable_owner' });
    } else {
      eligible.push(c);
    }
  }
  return { eligible, excluded };
}
