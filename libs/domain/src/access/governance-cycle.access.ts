import { AccessRule } from './access-policy';

const GOVERNANCE = ['governance_office', 'admin'] as const;
const GOVERNANCE_ONLY = { message: 'only the governance office or an admin may do this', field: 'minutes' } as const;

/** Management reviews (ISO/IEC 42001 9.3) and internal audits (9.2). */
export const GOVERNANCE_CYCLE_ACCESS = {
  'management_review.convene': { roles: GOVERNANCE, refusal: GOVERNANCE_ONLY },
  'management_review.minutes': { roles: GOVERNANCE, refusal: GOVERNANCE_ONLY },
  'internal_audit.open': { roles: GOVERNANCE, refusal: GOVERNANCE_ONLY },
  'internal_audit.report': {
    roles: ['auditor', 'governance_office', 'admin'],
    refusal: { message: 'only auditors, the governance office or an admin report an internal audit', field: 'summary' },
  },
} as const satisfies Record<`management_review.${string}` | `internal_audit.${string}`, AccessRule>;
