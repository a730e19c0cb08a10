import type { ApprovalRoundOutcome } from '@aigov/domain/approval-quorum';

/**
 * Publishing a Statement of Applicability: the API freezes the draft's editing ('in_approval')
 * and starts `soaPublication` (id `soa-publication:<version>:<round>`), which runs the approval
 * round of the policy's `soa` section and then applies its outcome.
 */
export function soaPublicationWorkflowId(version: number, round: number): string {
  return `soa-publication:${version}:${round}`;
}

/** The hash-chained audit stream of the Statement of Applicability (edits, submissions, publications). */
export const SOA_AUDIT_STREAM = 'soa';

export interface SoaPublicationInput {
  versionId: string;
  version: number;
  round: number;
  submittedById: string;
  /** everyone who edited the draft: none of them is asked, and the validators refuse them */
  editorIds: string[];
}

export interface SoaPublicationResult {
  outcome: ApprovalRoundOutcome;
  reason: string | null;
  /** the frozen document's SHA-256 when published */
  sha256: string | null;
}

export interface SoaPublicationActivities {
  /**
   * Approved: freezes the version (canonical JSON document and its SHA-256), makes it current
   * and supersedes the previous one. Otherwise the draft is editable again. Audited on the
   * `soa` stream in the same transaction; idempotent per (version, round).
   */
  applySoaPublicationOutcome(input: { versionId: string; round: number; outcome: ApprovalRoundOutcome; reason: string | null }): Promise<{ sha256: string | null }>;
}
