import type { ManualEvidenceNotice } from '@aigov/domain/evidence/manual-evidence';

/**
 * Manual evidence expiry notices: a Temporal Schedule starts `manualEvidenceExpiryScan` once a
 * day; it asks for the current items whose notice is due (`manualEvidenceNoticeDue`: the owner's
 * reminder within `remindBefore` of the expiry, the escalation once it has passed), claims each
 * notice on the item's row (once per expiry date), and mails it.
 */

/** How often the schedule scans. The reminder window is the domain's MANUAL_EVIDENCE_REMIND_BEFORE (P30D). */
export const MANUAL_EVIDENCE_EXPIRY_SCAN_EVERY = 'P1D';

export const manualEvidenceExpiryScanScheduleId = (taskQueue: string) => `manual-evidence-expiry-scan:${taskQueue}`;

export interface ManualEvidenceExpiryScanInput {
  /** ISO-8601 duration; default MANUAL_EVIDENCE_REMIND_BEFORE */
  remindBefore?: string;
  /** set by continueAsNew only: where the previous run stopped, and what it had sent */
  after?: ManualEvidenceScanCursor;
  now?: string;
  reminded?: number;
  escalated?: number;
}

/** Keyset position in (expires_at, id) order, so every batch moves on whatever the claims answer. */
export interface ManualEvidenceScanCursor {
  expiresAt: string;
  id: string;
}

export interface ManualEvidenceNoticeDue {
  evidenceId: string;
  title: string;
  ownerId: string;
  /** ISO-8601; the expiry date the notice is about */
  expiresAt: string;
  notice: ManualEvidenceNotice;
}

/** `claimed`: stamped now (with its audit event); `already`: stamped for this expiry before (a retried claim); `gone`: withdrawn, replaced or no longer due. */
export type ManualEvidenceClaim = 'claimed' | 'already' | 'gone';

export interface ManualEvidenceExpiryActivities {
  /** current items with a notice due at `now`, after `after` in (expires_at, id) order; at most `limit`; `next` is null on the last batch */
  findManualEvidenceNoticesDue(input: {
    now: string;
    remindBefore: string;
    after: ManualEvidenceScanCursor | null;
    limit: number;
  }): Promise<{ due: ManualEvidenceNoticeDue[]; next: ManualEvidenceScanCursor | null }>;
  /** stamps `reminded_for` / `escalated_for` with the expiry date, only if that notice is still due and unsent, with its audit event */
  claimManualEvidenceNotice(input: { evidenceId: string; expiresAt: string; notice: ManualEvidenceNotice; now: string; remindBefore: string }): Promise<ManualEvidenceClaim>;
}
