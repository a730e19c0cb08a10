import type { ArtifactRef } from '../../libs/domain/src/artifact-ref';
import type { LifecycleAction } from '../../libs/domain/src/lifecycle-transition.table';
import type { LifecycleStage } from '../../libs/domain/src/lifecycle-stage';
import type { RiskReason, RiskTier, ApprovableRiskTier } from '../../libs/domain/src/risk-tier';
import type { ApproverSelector, TierPolicy } from '../../libs/domain/src/governance-policy.types';
import type { ApprovalDecision, ReviewDecision } from '../../libs/domain/src/approval-quorum';
import type { RetirementChecklist } from '../../libs/domain/src/retirement-checklist';
import type { Actor, AiSystemRegistration, MonitoringEventInput } from './lifecycle.types';

/** An audit event as the workflow numbers it; the activity hashes and chains it. */
export interface AuditEntry {
  seq: number;
  eventType: string;
  actor: Actor | null;
  payload: Record<string, unknown>;
}

/** Fields of the ai_systems read model a change sets (only those present are written). */
export interface ProjectionPatch {
  stage?: LifecycleStage;
  riskTier?: RiskTier | null;
  riskReasons?: RiskReason[];
  currentVersion?: string | null;
  lastApprovedVersion?: string | null;
  approvalRound?: number;
  submittedById?: string | null;
  retirementChecklist?: RetirementChecklist | null;
  clearNextReview?: boolean;
}

/**
 * Everything one lifecycle step writes, applied in one database transaction and keyed by
 * (system, seq) so a retried activity writes nothing twice.
 */
export interface LifecycleChange {
  systemId: string;
  seq: number;
  auditStream: string;
  transition: { action: LifecycleAction | 'registered'; from: LifecycleStage | null; to: LifecycleStage; reason: string | null } | null;
  actor: Actor | null;
  projection: ProjectionPatch;
  audit: AuditEntry[];
  registration?: AiSystemRegistration & { createdBy: Actor };
  assessment?: {
    version: number;
    templateVersion: string;
    answers: Record<string, unknown>;
    riskTier: RiskTier;
    reasons: RiskReason[];
    submittedById: string;
  };
  deployment?: {
    id: string;
    version: string;
    environment: string;
    configuration: Record<string, unknown>;
    approvalRound: number;
    kind: 'deploy' | 'redeploy' | 'rollback';
    /** absent (rollback, or not given): the activity carries over the version's recorded artifacts */
    model?: ArtifactRef | null;
    datasets?: ArtifactRef[];
  };
  monitoringEvent?: Omit<MonitoringEventInput, 'actor'> & { id: string };
  /** create a periodic review task */
  reviewTask?: { id: string; assigneeId: string; cycle: number; dueWithin: string; reason: string };
  /** close an open task */
  closeTask?: { taskId: string; status: 'decided' | 'cancelled'; decision: ReviewDecision | null; comment: string | null; decidedById: string | null };
  /** schedule the next periodic review this far from now (ISO-8601 duration) */
  scheduleReviewIn?: string;
}

export interface AppliedChange {
  /** when the next review falls due, if one was scheduled */
  nextReviewAt: string | null;
  /** milliseconds from the activity's clock to nextReviewAt, for the workflow timer */
  reviewDelayMs: number | null;
}

export interface ResolvedApprover {
  id: string;
  email: string;
  name: string;
  /** the person the task is meant for, when it is routed to their out-of-office delegate */
  onBehalfOf?: { id: string; email: string } | null;
}

export interface ApprovalTaskSpec {
  id: string;
  assigneeId: string;
  /** set when the assignee decides for someone else (out of office or delegation) */
  onBehalfOfId?: string | null;
}

export type TaskPromptKind = 'request' | 'reminder' | 'escalation' | 'delegation';

export interface GovernanceActivities {
  applyLifecycleChange(change: LifecycleChange): Promise<AppliedChange>;
  getTierPolicy(tier: ApprovableRiskTier): Promise<TierPolicy>;
  /**
   * Who is asked in a step: segregation of duties, out-of-office routing, and with `ask` the
   * least-loaded that many; `alreadyAsked` (user ids) are left out, for escalation.
   */
  resolveApprovers(input: {
    systemId: string;
    selector: ApproverSelector;
    conflicts: { submitterId: string | null; ownerId: string };
    ask?: number;
    alreadyAsked?: string[];
  }): Promise<{ eligible: ResolvedApprover[]; excluded: Array<{ id: string; email: string; reason: string }> }>;
  createApprovalTasks(input: {
    systemId: string;
    round: number;
    workflowId: string;
    stepIndex: number;
    stepName: string;
    tasks: ApprovalTaskSpec[];
    dueIn: string;
    audit: { stream: string; entry: AuditEntry };
  }): Promise<{ dueAt: string }>;
  /** idempotent per (task, kind): a retried activity never sends a second email */
  sendTaskPrompt(input: { taskId: string; kind: TaskPromptKind }): Promise<{ sent: boolean }>;
  /** closes a task as 'delegated' and opens its replacement with the same due date, in one transaction */
  delegateApprovalTask(input: {
    systemId: string;
    fromTaskId: string;
    task: ApprovalTaskSpec;
    reason: string;
    audit: { stream: string; entry: AuditEntry };
  }): Promise<void>;
  recordApprovalDecision(input: {
    systemId: string;
    taskId: string;
    actor: Actor;
    decision: ApprovalDecision;
    comment: string;
    audit: { stream: string; entry: AuditEntry };
  }): Promise<void>;
  closeApprovalTasks(input: {
    systemId: string;
    taskIds: string[];
    status: 'cancelled' | 'expired';
    audit: { stream: string; entry: AuditEntry } | null;
  }): Promise<void>;
  markTasks(input: { taskIds: string[]; field: 'reminded' | 'escalated'; audit: { stream: string; entry: AuditEntry; systemId: string } }): Promise<void>;
}
