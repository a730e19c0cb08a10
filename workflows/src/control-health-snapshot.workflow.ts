import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ControlHealthSnapshotActivities, ControlHealthSnapshotResult } from './control-health-snapshot.contracts';

const activities = proxyActivities<ControlHealthSnapshotActivities>({
  // organisation-wide control health reads every system's evidence: minutes at scale, not seconds
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * One day's control-health snapshot (started by the daily Schedule). The day is the run's start
 * (UTC), fixed in history, so a retried activity or a replay keys the same row.
 */
export async function controlHealthSnapshot(): Promise<ControlHealthSnapshotResult> {
  const day = workflowInfo().runStartTime.toISOString().slice(0, 10);
  return activities.takeControlHealthSnapshot({ day });
}
