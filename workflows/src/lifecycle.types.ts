import type { ArtifactRef } from '@aigov/domain/artifact-ref';
import type { MaterialChangeRecord } from './activity.contracts';
import type { LifecycleAction } from '@aigov/domain/lifecycle-transition.table';
import type { LifecycleStage } from '@aigov/domain/lifecycle-stage';
import type { RiskReason, RiskTier } from '@aigov/domain/risk-tier';
import type { QuestionnaireRules } from '@aigov/domain/questionnaire/questionnaire.types';
import type { RetirementChecklist, RetirementChecklistItem } from '@aigov/domain/retirement-checklist';
import type { MonitoringEventKind, MonitoringSeverity } from '@aigov/domain/monitoring-event';
import type { ApprovalDecision, ApprovalRoundOutcome, ReviewDecision } from '@aigov/domain/approval-quorum';
import type { MaterialChangeKind, MaterialChangeStatus } from '@aigov/domain/material-change';
import type { MonitoringResponse } from '@aigov/domain/monitoring-response';
import type { EvidenceRef, ReviewChecklist } from '@aigov/domain/review-checklist';
import type { RecordedMonitoringChecks } from '@aigov/domain/monitoring-plan-checks';
import type { ConflictOfInterest } from '@aigov/domain/segregation-of-duties';
import type { ApprovalSubject } from '@aigov/domain/approval-subject';
import type { ScopeDefinition } from '@aigov/domain/scope/approved-scope';

/** Who did something; the label (their email) keeps the audit trail readable without joins. */
export interface Actor {
  userId: string;
  label: string;
}

export interface AiSystemRegistration {
  name: string;
  purpose: string;
  intendedUse: string;
  accountableOwnerId: string;
  businessUnit: string;
  dataSources: string[];
  dataCategories: string[];
  personalData: boolean;
  specialCategoryData: boolean;
  modelType: string;
  vendorType: 'in_house' | 'third_party';
  vendorName: string | null;
  deploymentContext: string;
  affectedStakeholders: string[];
  autonomyLevel: string;
  /** the scope proposed with the registration (absent: none yet); the first approval freezes it */
  scope?: ScopeDefinition;
}

/** The workflow's own state; carried across continueAsNew, so it stays small (ids, not documents). */
export interface LifecycleState {
  systemId: string;
  ownerId: string;
  stage: LifecycleStage;
  riskTier: RiskTier | null;
  riskReasons: RiskReason[];
  /** sequence number of the last change handed to persistence */
  seq: number;
  /** last audit event sequence number in this system's stream */
  auditSeq: number;
  assessmentVersion: number;
  approvalRound: number;
  /** the last approval round whose outcome has been applied and persisted */
  settledRound: number;
  submittedById: string | null;
  currentVersion: string | null;
  approvedVersions: string[];
  reviewCycle: number;
  nextReviewAt: string | null;
  /** timer length for the next review, measured by the activity that scheduled it */
  reviewDelayMs: number | null;
  /** bumped whenever the review schedule changes, to wake the timer loop */
  reviewSchedule: number;
  openReviewTaskId: string | null;
  openReviewAssigneeId: string | null;
  retirementChecklist: RetirementChecklist | null;
  /** review cycles completed in this run; continueAsNew resets the history at that boundary */
  cyclesThisRun: number;
  /** time until the open review task is overdue, as measured when it was created (absent in older runs) */
  openReviewDueInMs?: number | null;
  /** 0: none sent, 1: overdue reminder sent, 2: escalated */
  reviewNudges?: number;
  /** a material change being re-assessed and approved while the approved version runs */
  change?: MaterialChangeState | null;
}

/** The workflow's copy of an open material change: the proposal, its status and its round. */
export type MaterialChangeState = Pick<MaterialChangeRecord, 'id' | 'kinds' | 'version' | 'model' | 'datasets' | 'newPurpose' | 'newAffectedGroups'> & {
  status: MaterialChangeStatus;
  round: number | null;
  /** set while a withdrawal waits for the change's approval round to end */
  withdrawing?: boolean;
  /** who proposed the change and who answered its impact assessment: neither approves it (absent before they were kept) */
  proposedById?: string;
  assessedById?: string;
};

export interface LifecycleInput {
  systemId: string;
  /** present on the first run only */
  registration?: AiSystemRegistration & { createdBy: Actor };
  /** present after continueAsNew */
  carried?: LifecycleState;
}

/** What the API shows of the live workflow. */
export interface LifecycleView {
  systemId: string;
  stage: LifecycleStage;
  riskTier: RiskTier | null;
  riskReasons: RiskReason[];
  approvalRound: number;
  currentVersion: string | null;
  lastApprovedVersion: string | null;
  approvedVersions: string[];
  reviewCycle: number;
  nextReviewAt: string | null;
  openReviewTaskId: string | null;
  retirementChecklist: RetirementChecklist | null;
  materialChange: { id: string; status: MaterialChangeStatus; version: string; kinds: MaterialChangeKind[]; round: number | null } | null;
  seq: number;
  persistedSeq: number;
}

export interface SubmitAssessmentInput {
  actor: Actor;
  templateVersion: string;
  answers: Record<string, unknown>;
  /**
   * The questionnaire version's questions and tier rules, which check the answers and derive
   * the tier (the API sends the version the owner answered). Absent in histories recorded
   * before questionnaires were versioned: those ran the built-in 2026-11.1 rules, and replay so.
   */
  questionnaire?: QuestionnaireRules;
}

/**
 * A re-assessment on a new questionnaire version that leaves the tier as it is: recorded as the
 * system's next assessment, no approval round (a changed tier goes through a material change).
 */
export interface RecordReassessmentInput {
  actor: Actor;
  templateVersion: string;
  answers: Record<string, unknown>;
  questionnaire: QuestionnaireRules;
}

export interface AssessmentOutcome {
  version: number;
  riskTier: RiskTier;
  reasons: RiskReason[];
  view: LifecycleView;
}

export interface DeploymentInput {
  actor: Actor;
  version: string;
  environment: string;
  configuration: Record<string, unknown>;
  /** the model and datasets deployed; a redeployment without them inherits the version's own */
  model?: ArtifactRef | null;
  datasets?: ArtifactRef[];
}

export interface MonitoringEventInput {
  /** null for events from the monitoring webhook, which acts for no person */
  actor: Actor | null;
  kind: MonitoringEventKind;
  severity: MonitoringSeverity;
  metric: string | null;
  observedValue: number | null;
  threshold: number | null;
  source: string | null;
  description: string | null;
}

export interface MonitoringOutcome {
  eventId: string;
  reviewStarted: boolean;
  /** what the tier's thresholds decided for this severity */
  response: MonitoringResponse;
  /** set when the system was rolled back or suspended: the incident review (a PDCA item) */
  incidentItemId: string | null;
  view: LifecycleView;
}

export interface MaterialChangeInput {
  actor: Actor;
  kinds: MaterialChangeKind[];
  description: string;
  /** the version label the changed system will deploy as */
  version: string;
  model: ArtifactRef | null;
  datasets: ArtifactRef[];
  newPurpose: string | null;
  newAffectedGroups: string[];
  /** with kind 'scope': the scope proposed; the change's approval freezes it (absent in older histories) */
  scope?: ScopeDefinition | null;
}

/** The owner or the governance office calls a change off before it deploys. */
export interface WithdrawMaterialChangeInput {
  actor: Actor;
  changeId: string;
  reason: string;
}

export interface RollbackInput {
  actor: Actor;
  reason: string;
  targetVersion: string | null;
}

export interface RetirementInput {
  actor: Actor;
  reason: string;
  completedItems: RetirementChecklistItem[];
}

export interface ChecklistItemInput {
  actor: Actor;
  item: RetirementChecklistItem;
  note: string | null;
}

export interface ReviewDecisionInput {
  actor: Actor;
  taskId: string;
  decision: ReviewDecision;
  comment: string;
  /** what was looked at; required by the API, absent only in histories from before it existed */
  checklist?: ReviewChecklist | null;
  evidence?: EvidenceRef[];
  /** with `remediate`: the corrective action to open */
  correctiveAction?: { title: string; description: string; ownerId: string; dueAt: string | null } | null;
  /** each metric of the post-market monitoring plan as checked; set by the API when the system has a plan */
  monitoringChecks?: RecordedMonitoringChecks | null;
}

export interface ApprovalDecisionInput {
  actor: Actor;
  taskId: string;
  decision: ApprovalDecision;
  comment: string;
}

export interface DelegateTaskInput {
  actor: Actor;
  /** the acting user's roles: the governance office and admins may reassign any open task */
  actorRoles: string[];
  taskId: string;
  delegate: { id: string; email: string; name: string; roles: string[]; active: boolean };
  /** the current assignee's roles, for the stand-in rule (libs/domain approver-routing) */
  assigneeRoles: string[];
  /** the accountable owner's line manager, for steps that ask the owner's manager */
  ownerManagerId: string | null;
  reason: string;
}

export interface DelegationResult {
  /** the new task, assigned to the delegate */
  taskId: string;
  assigneeId: string;
  round: number;
}

export type { ApprovalRoundOutcome } from '@aigov/domain/approval-quorum';

export interface ApprovalDecisionResult {
  /** set once the decision settled the whole round; the API then waits for the parent to apply it */
  roundOutcome: ApprovalRoundOutcome | null;
  round: number;
}

export interface ApprovalRequestInput {
  /** the AI system approved; null when the subject is something else (an SoA version, a risk acceptance) */
  systemId: string | null;
  round: number;
  /** the AI system's tier, whose policy runs the round; null for other subjects (their own policy section) */
  riskTier: RiskTier | null;
  submittedById: string | null;
  ownerId: string | null;
  /** what is approved; absent in an AI system's rounds (and in every round before subjects existed) */
  subject?: ApprovalSubject;
  /**
   * Further people who may not approve this round, with the reason (a material change's
   * proposer and assessor). Absent in rounds started before it existed: nobody further.
   */
  conflicts?: ConflictOfInterest[];
}

export interface ApprovalRoundResult {
  outcome: ApprovalRoundOutcome;
  /** the decisive comment (for rejections and change requests) */
  reason: string | null;
}

export type { LifecycleAction };
