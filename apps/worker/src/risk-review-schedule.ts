import { Client } from '@temporalio/client';
import { RISK_REVIEW_SCAN_EVERY, riskReviewScanScheduleId } from '@aigov/workflows/risk-review.contracts';
import { upsertIntervalSchedule } from './interval-schedule';

/**
 * The daily scan that reminds risk owners of due reviews. A Schedule that scans rather than a
 * workflow per risk: risks are written by the API in plain transactions, so a per-risk timer
 * would need a signal on every change of its review date, and thousands of idle workflows;
 * one scan keyed per risk and review date needs neither.
 */
export function upsertRiskReviewSchedule(client: Client, taskQueue: string): Promise<string> {
  return upsertIntervalSchedule(client, {
    scheduleId: riskReviewScanScheduleId(taskQueue),
    workflowType: 'riskReviewScan',
    taskQueue,
    every: RISK_REVIEW_SCAN_EVERY,
  });
}
