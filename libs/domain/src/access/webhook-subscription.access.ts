import { AccessRule, needsOneOfTheRoles, OVERSIGHT_ROLES } from './access-policy';

/**
 * Outbound webhook subscriptions. A subscription sends lifecycle facts of every AI system to a
 * URL outside, signed with a secret only its creator sees once: admins manage them. Those who
 * oversee the management system may see which exist and how their deliveries fare (never a
 * secret).
 */
export const WEBHOOK_SUBSCRIPTION_ACCESS = {
  'webhook_subscription.manage': { roles: ['admin'], refusal: { message: 'managing webhook subscriptions needs the admin role' } },
  'webhook_subscription.read': { roles: OVERSIGHT_ROLES, refusal: needsOneOfTheRoles(OVERSIGHT_ROLES) },
} as const satisfies Record<`webhook_subscription.${string}`, AccessRule>;
