import { proxyActivities } from '@temporalio/workflow';
import type { AuditCheckpointActivities, AuditCheckpointRunResult } from './audit-checkpoint.contracts';

const activities = proxyActivities<AuditCheckpointActivities>({
  // one pass over every stream's head (an index lookup each): minutes at most, even at scale
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** One checkpoint pass, started by the hourly Schedule (or triggered by hand). */
export async function auditCheckpointRun(): Promise<AuditCheckpointRunResult> {
  return activities.publishAuditCheckpoints();
}
