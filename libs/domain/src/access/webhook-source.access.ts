import { AccessRule } from './access-policy';

/**
 * Webhook sources: who may let a monitoring tool act on AI systems (a critical event rolls a
 * system back by itself). Admins only, like people and their roles: a source is a credential.
 */
export const WEBHOOK_SOURCE_ACCESS = {
  'webhook_source.manage': { roles: ['admin'], refusal: { message: 'managing webhook sources needs the admin role' } },
} as const satisfies Record<`webhook_source.${string}`, AccessRule>;
