import { Client } from '@temporalio/client';
import { MANUAL_EVIDENCE_EXPIRY_SCAN_EVERY, manualEvidenceExpiryScanScheduleId } from '@aigov/workflows/manual-evidence-expiry.contracts';
import { upsertIntervalSchedule } from './interval-schedule';

/**
 * The daily scan that reminds owners of expiring manual evidence and tells the governance office
 * of lapsed items. A scan rather than a workflow per item: items are written by the API in plain
 * transactions, and the scan reads the current row, so replacing or withdrawing needs no signal.
 */
export function upsertManualEvidenceExpirySchedule(client: Client, taskQueue: string): Promise<string> {
  return upsertIntervalSchedule(client, {
    scheduleId: manualEvidenceExpiryScanScheduleId(taskQueue),
    workflowType: 'manualEvidenceExpiryScan',
    taskQueue,
    every: MANUAL_EVIDENCE_EXPIRY_SCAN_EVERY,
  });
}
