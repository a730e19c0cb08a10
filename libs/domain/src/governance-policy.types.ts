import { ApprovableRiskTier } from './risk-tier';

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
  /** how long a review task may stay open before it is overdue */
  dueWithin: string;
}

export interface TierPolicy {
  approval: ApprovalPolicy;
  review: ReviewPolicy;
}

export interface GovernancePolicy {
  version: 1;
  tiers: Record<ApprovableRiskTier, TierPolicy>;
}

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
