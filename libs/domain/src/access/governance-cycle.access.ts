import { AccessRule, GOVERNANCE_ROLES, needsOneOfTheRoles, OVERSIGHT_ROLES } from './access-policy';
import { REPORT_ACCESS } from './report.access';

// Convening a review or opening an audit has no body, so its refusal names no field.
const GOVERNANCE_ONLY = { message: 'only the governance office or an admin may do this' } as const;
/**
 * A review's agenda is the management-system report, and an audit's scope is the whole
 * management system: whoever reads the report reads every review and audit, and nobody else.
 */
const SEE_EVERY_CYCLE = REPORT_ACCESS['report.read'].roles;

/**
 * Management reviews (ISO/IEC 42001 9.3) and internal audits (9.2). Reading them is the rule
 * of GET /reports/management-system (issue 16): being invited to a review or appointed to an
 * audit no longer opens it to other roles, as it let a product owner read the organisation-wide
 * agenda and audit scope. Invitations and reminders still reach every participant by email.
 */
export const GOVERNANCE_CYCLE_ACCESS = {
  'management_review.read': { roles: SEE_EVERY_CYCLE, refusal: needsOneOfTheRoles(SEE_EVERY_CYCLE) },
  'management_review.convene': { roles: GOVERNANCE_ROLES, refusal: GOVERNANCE_ONLY },
  'management_review.minutes': { roles: GOVERNANCE_ROLES, refusal: { ...GOVERNANCE_ONLY, field: 'minutes' } },
  'internal_audit.read': { roles: SEE_EVERY_CYCLE, refusal: needsOneOfTheRoles(SEE_EVERY_CYCLE) },
  'internal_audit.open': { roles: GOVERNANCE_ROLES, refusal: GOVERNANCE_ONLY },
  'internal_audit.report': {
    roles: OVERSIGHT_ROLES,
    refusal: { message: 'only auditors, the governance office or an admin report an internal audit', field: 'summary' },
  },
} as const satisfies Record<`management_review.${string}` | `internal_audit.${string}`, AccessRule>;
