/**
 * Patch ids of aiSystemLifecycle: histories recorded before these changes replay along the
 * old path. Each id is recorded in running workflows' histories; never rename one.
 */
export const PATCH_MONITORING_THRESHOLDS = 'monitoring-thresholds-v1';
export const PATCH_OVERDUE_REVIEWS = 'overdue-review-reminders-v1';
export const PATCH_WITHDRAW_CHANGE_ROUND = 'withdraw-change-round-on-retirement-v1';
export const PATCH_REVIEW_POLICY_ON_ESCALATION = 'overdue-review-policy-read-on-escalation-v1';
