import { Client, ScheduleAlreadyRunning, ScheduleOptions, ScheduleOverlapPolicy } from '@temporalio/client';
import { isoDurationToApproxMs } from '@aigov/domain/iso-duration';
import { RISK_REVIEW_SCAN_EVERY, riskReviewScanScheduleId } from '@aigov/workflows/risk-review.contracts';

/**
 * The daily scan that reminds risk owners of due reviews. A Schedule that scans rather than a
 * workflow per risk: risks are written by the API in plain transactions, so a per-risk timer
 * would need a signal on every change of its review date, and thousands of idle workflows;
 * one scan keyed per risk and review date needs neither. Every worker calls this at start and
 * it converges to the same schedule.
 */
export async function upsertRiskReviewSchedule(client: Client, taskQueue: string): Promise<string> {
  const scheduleId = riskReviewScanScheduleId(taskQueue);
  const spec = { intervals: [{ every: isoDurationToApproxMs(RISK_REVIEW_SCAN_EVERY) }] };
  const action = { type: 'startWorkflow' as const, workflowType: 'riskReviewScan', taskQueue, workflowId: scheduleId, args: [] };
  // Scans are idempotent, but two at once would only repeat each other's questions.
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 86_400_000 };
  try {
    await client.schedule.create({ scheduleId, spec, action, policies } as ScheduleOptions);
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action, policies: { ...previous.policies, ...policies } }));
  }
  return scheduleId;
}
