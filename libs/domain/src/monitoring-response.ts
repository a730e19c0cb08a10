import type { MonitoringSeverity } from './monitoring-event';

/**
 * What the product does when a monitoring event arrives, per severity and risk tier:
 * - `record`: keep it as evidence for the next review;
 * - `review`: open a periodic review now;
 * - `rollback`: return at once to the last approved version before the current one (or take
 *   the system out of service when there is none), notify, and open an incident review;
 * - `suspend`: take the system out of service at once, notify, and open an incident review.
 */
export const MONITORING_RESPONSES = ['record', 'review', 'rollback', 'suspend'] as const;
export type MonitoringResponse = (typeof MONITORING_RESPONSES)[number];

export type MonitoringThresholds = Record<MonitoringSeverity, MonitoringResponse>;

/** Used when a tier's policy says nothing: a critical event opens a review, the rest is recorded. */
export const DEFAULT_MONITORING_THRESHOLDS: MonitoringThresholds = {
  low: 'record',
  medium: 'record',
  high: 'record',
  critical: 'review',
};

/** Rollback and suspension act before a person does, so they also notify and open an incident review. */
export function isAutomaticIntervention(response: MonitoringResponse): response is 'rollback' | 'suspend' {
  return response === 'rollback' || response === 'suspend';
}

/**
 * The version a rollback returns to: the named one, else the newest approved version that is
 * not the current one; null when there is none (the system is then taken out of service).
 */
export function rollbackTargetVersion(approvedVersions: readonly string[], currentVersion: string | null, requested: string | null = null): string | null {
  if (requested) return requested;
  const earlier = approvedVersions.filter((v) => v !== currentVersion);
  return earlier[earlier.length - 1] ?? null;
}
