import { USER_ROLES } from '../governance-policy.types';
import { AccessRule, GOVERNANCE_ROLES, needsOneOfTheRoles, OVERSIGHT_ROLES } from './access-policy';

/**
 * The impact assessment questionnaire's versions: everyone signed in reads them (owners answer
 * them); the governance office and admins draft a new version and submit it for publication,
 * whose approval round (the policy's `questionnaire.approval`) never asks whoever drafted it.
 * Every re-assessment asked for is listed for oversight; an owner sees their own (the system's
 * read access), and answers one as they manage the system (`ai_system.manage`).
 */
export const QUESTIONNAIRE_ACCESS = {
  'questionnaire.read': { roles: USER_ROLES, refusal: needsOneOfTheRoles(USER_ROLES) },
  'questionnaire.draft': { roles: GOVERNANCE_ROLES, refusal: { message: 'only the governance office or an admin drafts a questionnaire version' } },
  'questionnaire.publish': { roles: GOVERNANCE_ROLES, refusal: { message: 'only the governance office or an admin submits a questionnaire version for publication' } },
  'reassessment.list_all': { roles: OVERSIGHT_ROLES, refusal: { message: 'every re-assessment is listed for the governance office, auditors and admins; ask for your own with mine=true', field: 'mine' } },
} as const satisfies Record<`questionnaire.${string}` | `reassessment.${string}`, AccessRule>;
