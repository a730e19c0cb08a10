import { AccessRule, needsOneOfTheRoles, OVERSIGHT_ROLES, SEES_EVERYTHING_ROLES } from './access-policy';

const MANAGE = { message: 'managing users needs the admin role' } as const;

/**
 * Users. The bootstrap ADMIN_TOKEN (no user, no roles) may list, create and change users too;
 * the API's guard admits it on those routes only. Everyone reads and sets their own profile.
 * The directory (active people's names and addresses, no roles) is for those who name people
 * as owners, attendees or approvers; a product owner names only themselves.
 */
export const USER_ACCESS = {
  'user.manage': { roles: ['admin'], refusal: MANAGE },
  'user.list': { roles: ['admin'], refusal: MANAGE },
  'user.read': { roles: OVERSIGHT_ROLES, refusal: needsOneOfTheRoles(OVERSIGHT_ROLES) },
  'user.directory': { roles: SEES_EVERYTHING_ROLES, refusal: needsOneOfTheRoles(SEES_EVERYTHING_ROLES) },
} as const satisfies Record<`user.${string}`, AccessRule>;
