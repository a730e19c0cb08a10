import { Client, ScheduleAlreadyRunning, ScheduleOptions, ScheduleOverlapPolicy } from '@temporalio/client';
import { isoDurationToApproxMs } from '@aigov/domain/iso-duration';

export interface IntervalSchedule {
  scheduleId: string;
  workflowType: string;
  taskQueue: string;
  /** ISO-8601 duration between runs */
  every: string;
}

/**
 * Creates or updates a Schedule that starts a workflow at a fixed interval. Every worker calls
 * it at start; it converges to the same schedule however many workers run it, in any order. A
 * run still going when the next is due is skipped (the workflows these start are keyed by
 * their day or item, so a second run at once would only repeat the first), and a run missed
 * while Temporal was down is caught up within a day.
 */
export async function upsertIntervalSchedule(client: Client, { scheduleId, workflowType, taskQueue, every }: IntervalSchedule): Promise<string> {
  const spec = { intervals: [{ every: isoDurationToApproxMs(every) }] };
  // Temporal appends the scheduled time, so each run has its own id.
  const action = { type: 'startWorkflow' as const, workflowType, taskQueue, workflowId: scheduleId, args: [] };
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 86_400_000 };
  try {
    await client.schedule.create({ scheduleId, spec, action, policies } as ScheduleOptions);
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action, policies: { ...previous.policies, ...policies } }));
  }
  return scheduleId;
}
