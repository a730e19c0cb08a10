import type { AccessRule } from './access-policy';

/**
 * Personal API tokens: each person lists, issues, rotates and revokes their own (the owner
 * relation: the token's person); admins do it for anyone (to cut off a leaked token at once).
 */
export const API_TOKEN_ACCESS = {
  'api_token.manage': { roles: ['admin'], relations: ['owner'], refusal: { message: 'you manage only your own API tokens; an admin manages anyone’s', field: 'id' } },
} as const satisfies Record<`api_token.${string}`, AccessRule>;
