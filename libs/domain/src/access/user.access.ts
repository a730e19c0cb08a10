import { AccessRule, needsOneOfTheRoles, OVERSIGHT_ROLES, SEES_EVERYTHING_ROLES } from './access-policy';

const MANAGE = { message: 'managing users needs the admin role' } as const;

/**
 * Users. The bootstrap ADMIN_TOKEN (no user, no roles) may create the first admin and nothing
 * else; the API refuses it once an active admin exists (apps/api/src/auth/bootstrap-admin.ts). Everyone reads and sets their own profile.
 * The directory (active people's names and addresses, no roles) is for those who name people
 * as owners, attendees or approvers; a product owner names only themselves.
 */
export const USER_ACCESS = {
  'user.manage': { roles: ['admin'], refusal: MANAGE },
  'user.list': { roles: ['admin'], refusal: MANAGE },
  'user.read': { roles: OVERSIGHT_ROLES, refusal: needsOneOfTheRoles(OVERSIGHT_ROLES) },
  'user.directory': { roles: SEES_EVERYTHING_ROLES, refusal: needsOneOfTheRoles(SEES_EVERYTHING_ROLES) },
} as const satisfies Record<`user.${string}`, AccessRule>;
