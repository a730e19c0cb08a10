/** Workflow ids are derived from domain ids so that a retried start can never create a twin. */
export const AI_SYSTEM_WORKFLOW_PREFIX = 'ai-system:';

export function aiSystemWorkflowId(systemId: string): string {
  return `${AI_SYSTEM_WORKFLOW_PREFIX}${systemId}`;
}

export function approvalWorkflowId(systemId: string, round: number): string {
  return `approval:${systemId}:${round}`;
}

/**
 * The approval round of any subject: an AI system's keeps its original id; the others are
 * `approval:<kind>:<id>:<round>` (e.g. `approval:soa:<version id>:1`).
 */
export function subjectApprovalWorkflowId(subject: { kind: string; id: string }, round: number): string {
  return subject.kind === 'ai_system' ? approvalWorkflowId(subject.id, round) : `approval:${subject.kind}:${subject.id}:${round}`;
}

/** Audit streams: one hash chain per workflow that writes events. */
export function aiSystemAuditStream(systemId: string): string {
  return aiSystemWorkflowId(systemId);
}

export function approvalAuditStream(systemId: string, round: number): string {
  return approvalWorkflowId(systemId, round);
}

export function pdcaItemWorkflowId(itemId: string): string {
  return `pdca-item:${itemId}`;
}

/**
 * Schedules are per task queue, so two deployments (or two test harnesses) sharing a
 * Temporal namespace never overwrite each other's cadence.
 */
export function managementReviewScheduleId(taskQueue: string): string {
  return `management-review@${taskQueue}`;
}

export function internalAuditScheduleId(taskQueue: string): string {
  return `internal-audit@${taskQueue}`;
}
