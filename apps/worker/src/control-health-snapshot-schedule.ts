import { Client } from '@temporalio/client';
import { CONTROL_HEALTH_SNAPSHOT_EVERY, controlHealthSnapshotScheduleId } from '@aigov/workflows/control-health-snapshot.contracts';
import { upsertIntervalSchedule } from './interval-schedule';

/** The daily control-health snapshot's schedule; a snapshot is keyed by its day. */
export function upsertControlHealthSnapshotSchedule(client: Client, taskQueue: string): Promise<string> {
  return upsertIntervalSchedule(client, {
    scheduleId: controlHealthSnapshotScheduleId(taskQueue),
    workflowType: 'controlHealthSnapshot',
    taskQueue,
    every: CONTROL_HEALTH_SNAPSHOT_EVERY,
  });
}
