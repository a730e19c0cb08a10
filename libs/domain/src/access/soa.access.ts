import { AccessRule, GOVERNANCE_ROLES, needsOneOfTheRoles } from './access-policy';
import { USER_ROLES } from '../governance-policy.types';

/**
 * The Statement of Applicability: everyone signed in reads it (what applies, who owns it);
 * the governance office and admins edit its draft and submit it for publication. Who approves
 * the publication is the policy's `soa` section, never whoever edited the draft.
 */
export const SOA_ACCESS = {
  'soa.read': { roles: USER_ROLES, refusal: needsOneOfTheRoles(USER_ROLES) },
  'soa.edit': { roles: GOVERNANCE_ROLES, refusal: { message: 'only the governance office or an admin edits the Statement of Applicability' } },
  'soa.publish': { roles: GOVERNANCE_ROLES, refusal: { message: 'only the governance office or an admin submits the Statement of Applicability for publication' } },
} as const satisfies Record<`soa.${string}`, AccessRule>;
