/**
 * Risk review reminders: a Temporal Schedule starts `riskReviewScan` once a day; it asks for the
 * risks whose review falls due within `remindBefore` (or is past) and whose owner has not been
 * reminded of that date, mails each owner once, and stamps the risk.
 */

/** How often the schedule scans, and how long before a review date the owner is reminded. */
export const RISK_REVIEW_SCAN_EVERY = 'P1D';
export const RISK_REVIEW_REMIND_BEFORE = 'P7D';

export const riskReviewScanScheduleId = (taskQueue: string) => `risk-review-scan:${taskQueue}`;

export interface RiskReviewScanInput {
  /** ISO-8601 duration; default RISK_REVIEW_REMIND_BEFORE */
  remindBefore?: string;
}

export interface RiskDueForReview {
  riskId: string;
  title: string;
  ownerId: string;
  /** ISO-8601; the review date the reminder is about */
  nextReviewAt: string;
  currentRating: string | null;
}

export interface RiskReviewActivities {
  /** risks not closed whose review falls due before `dueBefore` and whose owner was not reminded of that date; at most `limit` */
  findRisksDueForReview(input: { dueBefore: string; limit: number }): Promise<RiskDueForReview[]>;
  /** stamps the reminder (only if the review date is still the one reminded of) with its audit event; idempotent */
  markRiskReviewReminded(input: { riskId: string; nextReviewAt: string }): Promise<boolean>;
}
