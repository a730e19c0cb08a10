export const MONITORING_EVENT_KINDS = ['drift', 'bias', 'performance', 'incident'] as const;
export type MonitoringEventKind = (typeof MONITORING_EVENT_KINDS)[number];

export const MONITORING_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type MonitoringSeverity = (typeof MONITORING_SEVERITIES)[number];

/** Stages in which the system is live and so can report monitoring events. */
export const MONITORED_STAGES = ['operation', 'periodic_review'] as const;

/** A critical event while in operation opens a review at once rather than waiting for the timer. */
export function startsImmediateReview(severity: MonitoringSeverity): boolean {
  return severity === 'critical';
}
