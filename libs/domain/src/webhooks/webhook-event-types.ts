/**
 * The events an outbound webhook subscription can ask for. Names are the `type` of the
 * delivered body; receivers switch on them, so they never change meaning once published.
 */
export const WEBHOOK_EVENT_TYPES = [
  'ai_system.stage_changed',
  'approval.decided',
  'approval.round_settled',
  'ai_system.rolled_back',
  'ai_system.suspended',
  'incident.opened',
  'review.overdue',
  'control_health.changed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return typeof value === 'string' && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** One line per event type for the API's documentation and the web application's checkboxes. */
export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  'ai_system.stage_changed': 'An AI system moved from one lifecycle stage to another (every transition).',
  'approval.decided': 'An approver decided an approval task (approve, reject, request changes).',
  'approval.round_settled': "An approval round ended (an AI system's round or a material change's): approved, rejected, changes requested, expired, withdrawn.",
  'ai_system.rolled_back': 'A running version was taken out of service (by a person, a review or a monitoring event); toVersion is the approved version restored, null when none.',
  'ai_system.suspended': 'A rollback left no version running (sent beside ai_system.rolled_back).',
  'incident.opened': 'A monitoring event triggered an automatic intervention and an incident review was opened.',
  'review.overdue': 'A periodic review passed its due date (reminded) or was escalated.',
  'control_health.changed': "The daily control-health snapshot differs from the previous day's (totals or a control's status).",
};
