import { Client, ScheduleAlreadyRunning, ScheduleOptions, ScheduleOverlapPolicy } from '@temporalio/client';
import { isoDurationToApproxMs } from '@aigov/domain/iso-duration';
import { CONTROL_HEALTH_SNAPSHOT_EVERY, controlHealthSnapshotScheduleId } from '@aigov/workflows/control-health-snapshot.contracts';

/**
 * The daily control-health snapshot's schedule. Every worker calls this at start; it converges
 * to the same schedule however many workers run it, in any order.
 */
export async function upsertControlHealthSnapshotSchedule(client: Client, taskQueue: string): Promise<string> {
  const scheduleId = controlHealthSnapshotScheduleId(taskQueue);
  const spec = { intervals: [{ every: isoDurationToApproxMs(CONTROL_HEALTH_SNAPSHOT_EVERY) }] };
  // Temporal appends the scheduled time, so each day's run has its own id.
  const action = { type: 'startWorkflow' as const, workflowType: 'controlHealthSnapshot', taskQueue, workflowId: scheduleId, args: [] };
  // A snapshot is keyed by its day; a second run at once would only find it taken. A day missed
  // while Temporal was down is caught up within a day.
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 86_400_000 };
  try {
    await client.schedule.create({ scheduleId, spec, action, policies } as ScheduleOptions);
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action, policies: { ...previous.policies, ...policies } }));
  }
  return scheduleId;
}
