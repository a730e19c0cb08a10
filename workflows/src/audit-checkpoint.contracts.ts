/**
 * Audit checkpoints: a Temporal Schedule starts `auditCheckpointRun` every hour; its activity
 * signs the head of every audit stream that moved since its last checkpoint
 * (libs/persistence/src/audit-checkpoint.ts) and stores the checkpoints.
 */

/** How often stream heads are checkpointed: events deleted from a stream's end after its last checkpoint are detectable. */
export const AUDIT_CHECKPOINT_EVERY = 'PT1H';

export const auditCheckpointScheduleId = (taskQueue: string) => `audit-checkpoints:${taskQueue}`;

export interface AuditCheckpointRunResult {
  /** streams examined */
  streams: number;
  /** new checkpoints written */
  checkpointed: number;
  /** streams whose head is below, or differs from, their last checkpoint: not checkpointed again, so verification keeps reporting them */
  regressed: string[];
  /** false when no signing key is configured (production without AUDIT_CHECKPOINT_SIGNING_KEY) */
  signing: boolean;
}

export interface AuditCheckpointActivities {
  /** signs and stores a checkpoint of every stream head that moved; one run is idempotent (an unmoved head is skipped) */
  publishAuditCheckpoints(): Promise<AuditCheckpointRunResult>;
}
