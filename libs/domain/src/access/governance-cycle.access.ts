import { AccessRule, GOVERNANCE_ROLES, OVERSIGHT_ROLES } from './access-policy';
import { REPORT_ACCESS } from './report.access';

// Convening a review or opening an audit has no body, so its refusal names no field.
const GOVERNANCE_ONLY = { message: 'only the governance office or an admin may do this' } as const;
/** A review's agenda is the management-system report: whoever reads the report reads every review and audit. */
const SEE_EVERY_CYCLE = REPORT_ACCESS['report.read'].roles;

/**
 * Management reviews (ISO/IEC 42001 9.3) and internal audits (9.2). Besides the report's
 * readers, a review's invited participants read it, and an audit's appointed auditors read it.
 */
export const GOVERNANCE_CYCLE_ACCESS = {
  'management_review.list_all': { roles: SEE_EVERY_CYCLE, refusal: { message: 'you may see only the management reviews you take part in' } },
  'management_review.read': {
    roles: SEE_EVERY_CYCLE,
    relations: ['participant'],
    refusal: { message: 'a management review is for the governance office, auditors, admins and its participants', field: 'id' },
  },
  'management_review.convene': { roles: GOVERNANCE_ROLES, refusal: GOVERNANCE_ONLY },
  'management_review.minutes': { roles: GOVERNANCE_ROLES, refusal: { ...GOVERNANCE_ONLY, field: 'minutes' } },
  'internal_audit.list_all': { roles: SEE_EVERY_CYCLE, refusal: { message: 'you may see only the internal audits you are an auditor of' } },
  'internal_audit.read': {
    roles: SEE_EVERY_CYCLE,
    relations: ['participant'],
    refusal: { message: 'an internal audit is for the governance office, auditors, admins and its appointed auditors', field: 'id' },
  },
  'internal_audit.open': { roles: GOVERNANCE_ROLES, refusal: GOVERNANCE_ONLY },
  'internal_audit.report': {
    roles: OVERSIGHT_ROLES,
    refusal: { message: 'only auditors, the governance office or an admin report an internal audit', field: 'summary' },
  },
} as const satisfies Record<`management_review.${string}` | `internal_audit.${string}`, AccessRule>;
