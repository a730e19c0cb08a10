import { Client, ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOptions, ScheduleOverlapPolicy } from '@temporalio/client';
import type { GovernancePolicy } from '@aigov/domain/governance-policy.types';
import { isoDurationToApproxMs } from '@aigov/domain/iso-duration';
import { internalAuditScheduleId, managementReviewScheduleId } from '@aigov/temporal/workflow-ids';

interface CycleSchedule {
  scheduleId: string;
  workflowType: 'managementReview' | 'internalAudit';
  cadence: string | null;
}

/**
 * Creates, updates or removes the schedules that start management reviews and internal
 * audits, so the policy file is the one place their cadence is set. Every worker calls this
 * at start; it converges to the same schedules however many workers run it, in any order.
 */
export async function upsertGovernanceSchedules(client: Client, taskQueue: string, policy: GovernancePolicy): Promise<string[]> {
  const cycles: CycleSchedule[] = [
    { scheduleId: managementReviewScheduleId(taskQueue), workflowType: 'managementReview', cadence: policy.managementReview?.cadence ?? null },
    { scheduleId: internalAuditScheduleId(taskQueue), workflowType: 'internalAudit', cadence: policy.internalAudit?.cadence ?? null },
  ];
  const active: string[] = [];
  for (const cycle of cycles) {
    const handle = client.schedule.getHandle(cycle.scheduleId);
    if (!cycle.cadence) {
      await handle.delete().catch((error) => {
        if (!(error instanceof ScheduleNotFoundError)) throw error;
      });
      continue;
    }
    const spec = { intervals: [{ every: isoDurationToApproxMs(cycle.cadence) }] };
    const action = {
      type: 'startWorkflow' as const,
      workflowType: cycle.workflowType,
      taskQueue,
      // Temporal appends the scheduled time, so each occurrence has its own id.
      workflowId: cycle.scheduleId,
      args: [],
    };
    // A review nobody has closed must not stop the next one from being convened.
    const policies = { overlap: ScheduleOverlapPolicy.ALLOW_ALL, catchupWindow: 86_400_000 };
    try {
      await client.schedule.create({ scheduleId: cycle.scheduleId, spec, action, policies } as ScheduleOptions);
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await handle.update((previous) => ({ ...previous, spec, action, policies: { ...previous.policies, ...policies } }));
    }
    active.push(cycle.scheduleId);
  }
  return active;
}
