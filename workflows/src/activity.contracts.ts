import type { ArtifactRef } from '@aigov/domain/artifact-ref';
import type { LifecycleAction } from '@aigov/domain/lifecycle-transition.table';
import type { LifecycleStage } from '@aigov/domain/lifecycle-stage';
import type { RiskReason, RiskTier, ApprovableRiskTier } from '@aigov/domain/risk-tier';
import type {
  ApprovalPolicy,
  ApproverSelector,
  InternalAuditPolicy,
  ManagementReviewPolicy,
  PdcaPolicy,
  TierPolicy,
} from '@aigov/domain/governance-policy.types';
import type { MaterialChangeStatus } from '@aigov/domain/material-change';
import type { EvidenceRef, ReviewChecklist } from '@aigov/domain/review-checklist';
import type { RecordedMonitoringChecks } from '@aigov/domain/monitoring-plan-checks';
import type { ApprovalConflicts } from '@aigov/domain/segregation-of-duties';
import type { ApprovalSubject, ApprovalSubjectKind } from '@aigov/domain/approval-subject';
import type { PdcaChange } from './pdca.types';
import type { AuditFindingInput, ManagementDecisionInput } from './governance-cycle.types';
import type { ApprovalDecision, ReviewDecision } from '@aigov/domain/approval-quorum';
import type { RetirementChecklist } from '@aigov/domain/retirement-checklist';
import type { Actor, AiSystemRegistration, MaterialChangeInput, MonitoringEventInput } from './lifecycle.types';

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
  /** a deployed material change may change what the system is for and whom it affects */
  purpose?: string;
  affectedStakeholders?: string[];
}

/** A material change as proposed; later steps only move its status. */
export type MaterialChangeRecord = Omit<MaterialChangeInput, 'actor'> & {
  id: string;
  /** the version running when the change was proposed */
  runningVersion: string | null;
  proposedById: string;
};

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
  /** close an open task; review decisions carry their checklist and evidence */
  closeTask?: {
    taskId: string;
    status: 'decided' | 'cancelled';
    decision: ReviewDecision | null;
    comment: string | null;
    decidedById: string | null;
    checklist?: ReviewChecklist | null;
    evidence?: EvidenceRef[];
    monitoringChecks?: RecordedMonitoringChecks | null;
  };
  /** stamp a reminder or escalation on an open task */
  markTask?: { taskId: string; field: 'reminded' | 'escalated' };
  materialChange?: MaterialChangeRecord;
  materialChangeUpdate?: { id: string; status: MaterialChangeStatus; assessmentVersion?: number; approvalRound?: number };
  /** schedule the next periodic review this far from now (ISO-8601 duration) */
  scheduleReviewIn?: string;
}

export interface AppliedChange {
  /** when the next review falls due, if one was scheduled */
  nextReviewAt: string | null;
  /** milliseconds from the activity's clock to nextReviewAt, for the workflow timer */
  reviewDelayMs: number | null;
  /** milliseconds until a review task created by this change falls due */
  reviewTaskDueInMs?: number | null;
}

/** A mail to people, sent once per (key, recipient) however often the activity is retried. */
export interface NotificationRequest {
  key: string;
  recipients: { userIds?: string[]; selector?: ApproverSelector };
  /** the AI system the mail is about; its name goes into the subject */
  systemId?: string | null;
  subject: string;
  text: string;
}

export interface GovernanceCyclePolicy {
  pdca: PdcaPolicy;
  managementReview: ManagementReviewPolicy | null;
  internalAudit: InternalAuditPolicy | null;
}

type AuditWrite = { stream: string; entry: AuditEntry };

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
  /** the approval policy of a subject other than an AI system (the policy file's `soa` section, ...) */
  getSubjectApprovalPolicy(kind: Exclude<ApprovalSubjectKind, 'ai_system'>): Promise<ApprovalPolicy>;
  /**
   * Who is asked in a step: segregation of duties, out-of-office routing, and with `ask` the
   * least-loaded that many; `alreadyAsked` (user ids) are left out, for escalation.
   */
  resolveApprovers(input: {
    systemId: string | null;
    selector: ApproverSelector;
    conflicts: ApprovalConflicts;
    ask?: number;
    alreadyAsked?: string[];
  }): Promise<{ eligible: ResolvedApprover[]; excluded: Array<{ id: string; email: string; reason: string }> }>;
  createApprovalTasks(input: {
    systemId: string | null;
    round: number;
    workflowId: string;
    stepIndex: number;
    stepName: string;
    /** what the tasks approve; absent: the AI system */
    subject?: ApprovalSubject;
    tasks: ApprovalTaskSpec[];
    dueIn: string;
    audit: { stream: string; entry: AuditEntry };
  }): Promise<{ dueAt: string }>;
  /** idempotent per (task, kind): a retried activity never sends a second email */
  sendTaskPrompt(input: { taskId: string; kind: TaskPromptKind }): Promise<{ sent: boolean }>;
  /** closes a task as 'delegated' and opens its replacement with the same due date, in one transaction */
  delegateApprovalTask(input: {
    systemId: string | null;
    fromTaskId: string;
    task: ApprovalTaskSpec;
    reason: string;
    audit: { stream: string; entry: AuditEntry };
  }): Promise<void>;
  recordApprovalDecision(input: {
    systemId: string | null;
    taskId: string;
    actor: Actor;
    decision: ApprovalDecision;
    comment: string;
    audit: { stream: string; entry: AuditEntry };
  }): Promise<void>;
  closeApprovalTasks(input: {
    systemId: string | null;
    taskIds: string[];
    status: 'cancelled' | 'expired';
    audit: { stream: string; entry: AuditEntry } | null;
  }): Promise<void>;
  markTasks(input: { taskIds: string[]; field: 'reminded' | 'escalated'; audit: { stream: string; entry: AuditEntry; systemId: string | null } }): Promise<void>;
  notify(input: NotificationRequest): Promise<{ sent: number }>;
  getGovernanceCyclePolicy(): Promise<GovernanceCyclePolicy>;
  /** writes one PDCA step; returns how long until the item is due, for the workflow's timers */
  applyPdcaChange(change: PdcaChange): Promise<{ dueInMs: number | null }>;
  /** compiles the agenda from the data now and records the review; idempotent on reviewId */
  conveneManagementReview(input: {
    reviewId: string;
    workflowId: string;
    noticePeriod: string;
    participants: ApproverSelector;
    audit: AuditWrite;
  }): Promise<{ meetingInMs: number; meetingAt: string; participantIds: string[]; agendaText: string }>;
  recordManagementReviewMinutes(input: {
    reviewId: string;
    actor: Actor;
    minutes: string;
    attendeeIds: string[];
    decisions: Array<ManagementDecisionInput & { pdcaItemId: string }>;
    audit: AuditWrite;
  }): Promise<void>;
  openInternalAudit(input: {
    auditId: string;
    workflowId: string;
    dueWithin: string;
    auditors: ApproverSelector;
    audit: AuditWrite;
  }): Promise<{ dueInMs: number; dueAt: string; auditorIds: string[]; scopeText: string }>;
  completeInternalAudit(input: {
    auditId: string;
    actor: Actor;
    summary: string;
    findings: Array<AuditFindingInput & { pdcaItemId: string }>;
    audit: AuditWrite;
  }): Promise<void>;
  markGovernanceReminded(input: { record: 'management_review' | 'internal_audit'; id: string; audit: AuditWrite }): Promise<void>;
}
