/**
 * The daily control-health snapshot: a Temporal Schedule (id `control-health-snapshot@<queue>`)
 * starts `controlHealthSnapshot` once a day; it asks one activity to keep the day's
 * organisation-wide control health, keyed by the day.
 */

/** How often the schedule takes a snapshot. */
export const CONTROL_HEALTH_SNAPSHOT_EVERY = 'P1D';

/** Per task queue, like the other schedules, so two deployments sharing a namespace never meet. */
export const controlHealthSnapshotScheduleId = (taskQueue: string) => `control-health-snapshot@${taskQueue}`;

export interface ControlHealthSnapshotResult {
  /** YYYY-MM-DD (UTC) */
  day: string;
  /** false when the day's snapshot was already taken (a retry, or a second run that day) */
  created: boolean;
}

export interface ControlHealthSnapshotActivities {
  /** takes the organisation-wide control health of `day` unless already taken; idempotent */
  takeControlHealthSnapshot(input: { day: string }): Promise<ControlHealthSnapshotResult>;
}
