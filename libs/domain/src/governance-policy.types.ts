import { ApprovableRiskTier } from './risk-tier';

export const USER_ROLES = ['product_owner', 'approver', 'governance_office', 'auditor', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * Who may act on a step: everybody holding one of `roles`, plus the named people (by email).
 * `relation` names people found relative to the system (its owner's line manager).
 */
export interface ApproverSelector {
  roles: UserRole[];
  users: string[];
  relations: Array<'owner_manager'>;
}

/** 'all' of the resolved approvers, or at least `count` distinct people. */
export type Quorum = { kind: 'all' } | { kind: 'count'; count: number };

export interface ApprovalStepPolicy {
  /** short identifier, unique within the tier, e.g. 'risk', 'security', 'privacy' */
  name: string;
  approvers: ApproverSelector;
  quorum: Quorum;
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
