import { AccessRule, needsOneOfTheRoles, OVERSIGHT_ROLES } from './access-policy';


/** The hash-chained audit trail: one system's for its owner and the audit roles; verifying all of it for the audit roles. */
export const AUDIT_ACCESS = {
  'audit_trail.read_system': {
    roles: OVERSIGHT_ROLES,
    relations: ['owner'],
    requires: 'ai_system.read',
    refusal: { message: 'the audit trail is for auditors, the governance office and the accountable owner' },
  },
  'audit_trail.verify_all': { roles: OVERSIGHT_ROLES, refusal: needsOneOfTheRoles(OVERSIGHT_ROLES) },
} as const satisfies Record<`audit_trail.${string}`, AccessRule>;
