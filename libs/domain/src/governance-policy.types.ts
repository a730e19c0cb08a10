import type { MonitoringThresholds } from './monitoring-response';
import { ApprovableRiskTier } from './risk-tier';
import type { RiskMatrix } from './risk-matrix';
import type { QuestionnairePolicy } from './questionnaire/questionnaire-policy';
import type { SeriousIncidentPolicy } from './serious-incident';

export const USER_ROLES = [
  'product_owner',
  'approver',
  'risk_officer',
  'security_officer',
  'privacy_officer',
  'governance_office',
  'auditor',
  'admin',
] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Roles that carry approval authority (policies ask them; delegates must share one). */
export const APPROVING_ROLES: readonly UserRole[] = ['approver', 'risk_officer', 'security_officer', 'privacy_officer', 'governance_office', 'admin'];

/**
 * Who may act on a step: everybody holding one of `roles`, plus the named people (by email).
 * `relation` names people found relative to the system (its owner's line manager).
 */
export interface ApproverSelector {
  roles: UserRole[];
  users: string[];
  relations: Array<'owner_manager'>;
}

/**
 * 'all' of the resolved approvers, or at least `count` distinct people. With `of` ("2 of 3")
 * only that many people are asked, chosen among everyone eligible by who has the fewest open
 * tasks; the others stay available for delegation.
 */
export type Quorum = { kind: 'all' } | { kind: 'count'; count: number; of?: number };

export interface ApprovalStepPolicy {
  /** short identifier, unique within the tier, e.g. 'risk', 'security', 'privacy' */
  name: string;
  approvers: ApproverSelector;
  quorum: Quorum;
  /**
   * Whether this tier needs the step (default true). An optional step runs when it can be
   * staffed and is skipped, with an audit event, when nobody eligible exists or it expires;
   * an objection raised in it still stops the round.
   */
  required?: boolean;
}

export interface ApprovalPolicy {
  /** sequential steps; each must reach its quorum before the next starts */
  steps: ApprovalStepPolicy[];
  /** ISO-8601 durations (e.g. 'P2D', 'PT30S') */
  reminderAfter: string;
  escalateAfter: string;
  escalateTo: ApproverSelector;
  expireAfter: string;
}

export interface ReviewPolicy {
  /** ISO-8601 duration between periodic reviews, e.g. 'P1Y', 'P6M', 'P3M' */
  cadence: string;
  /** how long a review task may stay open before it is overdue; the assignee is reminded then */
  dueWithin: string;
  /** how long after falling due an open review is escalated (default: dueWithin again) */
  escalateAfterDue?: string;
  /** who hears of an overdue review (default: the tier's approval escalateTo) */
  escalateTo?: ApproverSelector;
}

export interface TierPolicy {
  approval: ApprovalPolicy;
  review: ReviewPolicy;
  /** the response to a monitoring event by severity (default DEFAULT_MONITORING_THRESHOLDS) */
  monitoring?: MonitoringThresholds;
}

/** Due-date handling of PDCA items (nonconformities, corrective actions, improvements). */
export interface PdcaPolicy {
  /** the owner is reminded this long before the due date */
  remindBefore: string;
  /** an item still open this long after its due date is escalated */
  escalateAfter: string;
  escalateTo: ApproverSelector;
}

/** Management reviews (ISO/IEC 42001 9.3), started by a Temporal Schedule. */
export interface ManagementReviewPolicy {
  /** how often a review is convened, e.g. P3M; the schedule fires this often */
  cadence: string;
  /** the meeting is held this long after the review is convened (and its agenda compiled) */
  noticePeriod: string;
  /** participants are reminded this long before the meeting */
  remindBefore: string;
  participants: ApproverSelector;
}

/** Internal audits (ISO/IEC 42001 9.2), planned on a cadence by a Temporal Schedule. */
export interface InternalAuditPolicy {
  cadence: string;
  /** the audit report (findings) is due this long after the audit is opened */
  dueWithin: string;
  remindBefore: string;
  auditors: ApproverSelector;
}

/**
 * Whose management system this is: named on the Statement of Applicability and its exports
 * (ISO/IEC 42001 and 27001 clause 4.3 asks for the scope to be documented).
 */
export interface OrganisationPolicy {
  name: string;
  /** the scope of the AI and information security management systems, in the organisation's words */
  scope: string;
}

/** Until the policy file names them: a neutral name and the scope the product governs. */
export const DEFAULT_ORGANISATION: OrganisationPolicy = {
  name: 'The organisation',
  scope:
    'The AI management system (ISO/IEC 42001) and information security management system (ISO/IEC 27001) of the organisation, ' +
    'covering every AI system it builds, buys or operates.',
};

export interface GovernancePolicy {
  version: 1;
  /** who the management system belongs to and its scope; the parser fills in DEFAULT_ORGANISATION when absent */
  organisation?: OrganisationPolicy;
  tiers: Record<ApprovableRiskTier, TierPolicy>;
  pdca?: PdcaPolicy;
  /** absent: no management reviews are scheduled */
  managementReview?: ManagementReviewPolicy | null;
  /** absent: no internal audits are scheduled */
  internalAudit?: InternalAuditPolicy | null;
  /** the risk register's matrix and appetite; the parser fills in the default 5 x 5 when absent */
  riskMatrix?: RiskMatrix;
  /** who approves a Statement of Applicability's publication; the parser fills in DEFAULT_DOCUMENT_APPROVAL when absent */
  soa?: ApprovalPolicy;
  /** who approves accepting a risk above the appetite; the parser fills in DEFAULT_DOCUMENT_APPROVAL when absent */
  riskAcceptance?: ApprovalPolicy;
  /** publishing a questionnaire version and the re-assessments it asks for; the parser fills in DEFAULT_QUESTIONNAIRE_POLICY when absent */
  questionnaire?: QuestionnairePolicy;
  /** EU AI Act Art. 73 reporting clocks; the parser fills in DEFAULT_SERIOUS_INCIDENT_POLICY when absent */
  seriousIncidents?: SeriousIncidentPolicy;
}

/** A governed record's approval round (SoA publication, risk acceptance) when the policy has no section for it: the governance office, 1 of N. */
export const DEFAULT_DOCUMENT_APPROVAL: ApprovalPolicy = {
  steps: [{ name: 'governance', approvers: { roles: ['governance_office'], users: [], relations: [] }, quorum: { kind: 'count', count: 1 }, required: true }],
  reminderAfter: 'P2D',
  escalateAfter: 'P5D',
  escalateTo: { roles: ['admin'], users: [], relations: [] },
  expireAfter: 'P21D',
};

export const DEFAULT_PDCA_POLICY: PdcaPolicy = {
  remindBefore: 'P2D',
  escalateAfter: 'P3D',
  escalateTo: { roles: ['governance_office'], users: [], relations: [] },
};

/** A policy problem, naming the offending field path (e.g. 'tiers.high.approval.steps[0].quorum'). */
export class PolicyValidationError extends Error {
  override readonly name = 'PolicyValidationError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`invalid governance policy: ${field}: ${reason}`);
  }
}
