import { Client } from '@temporalio/client';
import { AUDIT_CHECKPOINT_EVERY, auditCheckpointScheduleId } from '@aigov/workflows/audit-checkpoint.contracts';
import { upsertIntervalSchedule } from './interval-schedule';

/** The hourly pass that signs every moved audit stream head (apps/worker/src/activities/audit-checkpoint.activities.ts). */
export function upsertAuditCheckpointSchedule(client: Client, taskQueue: string): Promise<string> {
  return upsertIntervalSchedule(client, {
    scheduleId: auditCheckpointScheduleId(taskQueue),
    workflowType: 'auditCheckpointRun',
    taskQueue,
    every: AUDIT_CHECKPOINT_EVERY,
  });
}
