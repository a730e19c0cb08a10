import { AccessRule, needsOneOfTheRoles, OVERSIGHT_ROLES } from './access-policy';


/** Management-system and lifecycle-stage reports: the whole inventory, for oversight. */
export const REPORT_ACCESS = {
  'report.read': { roles: OVERSIGHT_ROLES, refusal: needsOneOfTheRoles(OVERSIGHT_ROLES) },
} as const satisfies Record<`report.${string}`, AccessRule>;
