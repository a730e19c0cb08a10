import { AccessRule, needsOneOfTheRoles, OVERSIGHT_ROLES } from './access-policy';

/**
 * Evidence of the controls. One system's controls follow `ai_system.read`; evidence across
 * every system is for those who oversee the management system.
 */
export const EVIDENCE_ACCESS = {
  'evidence.read_all': { roles: OVERSIGHT_ROLES, refusal: needsOneOfTheRoles(OVERSIGHT_ROLES) },
} as const satisfies Record<`evidence.${string}`, AccessRule>;
