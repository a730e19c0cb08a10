import type { AccessRule } from './access-policy';

/**
 * Runtime enforcement of approved scopes. Gateway machine tokens are credentials that let a
 * gateway act for every AI system it fronts, so only admins issue, rotate and revoke them (like
 * webhook sources). The governance office may ask POST /authorize with its own session or
 * token, to test a scope before a gateway relies on it; owners and everyone else may not (their
 * systems must not be their own governance authority).
 */
export const SCOPE_ACCESS = {
  'gateway_token.manage': { roles: ['admin'], refusal: { message: 'managing gateway tokens needs the admin role' } },
  'scope.test': { roles: ['governance_office'], refusal: { message: 'only a gateway token or the governance office may ask for an authorization decision' } },
} as const satisfies Record<`gateway_token.${string}` | `scope.${string}`, AccessRule>;
