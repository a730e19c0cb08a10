import { AccessRule, needsOneOfTheRoles } from './access-policy';

const MANAGE = { message: 'managing users needs the admin role' } as const;
const LOOK_UP = ['admin', 'governance_office', 'auditor'] as const;

/**
 * Users. The bootstrap ADMIN_TOKEN (no user, no roles) may list, create and change users too;
 * the API's guard admits it on those routes only. Everyone reads and sets their own profile.
 */
export const USER_ACCESS = {
  'user.manage': { roles: ['admin'], refusal: MANAGE },
  'user.list': { roles: ['admin'], refusal: MANAGE },
  'user.read': { roles: LOOK_UP, refusal: needsOneOfTheRoles(LOOK_UP) },
} as const satisfies Record<`user.${string}`, AccessRule>;
