import { AccessRule, OVERSIGHT_ROLES } from './access-policy';

/**
 * Temporal's payloads, decrypted through the codec endpoint (the Temporal UI and CLI): they hold
 * every system's names, emails, comments and assessment answers, so only the roles that may read
 * everything already (oversight) may decode them. Encoding is allowed to the same roles: it
 * reveals nothing, and nobody else has a reason to write into Temporal by hand.
 */
export const WORKFLOW_PAYLOAD_ACCESS = {
  'workflow_payload.codec': {
    roles: OVERSIGHT_ROLES,
    refusal: { message: 'Temporal payloads are decoded only for the governance office, auditors and admins (roles: governance_office, auditor, admin)' },
  },
} as const satisfies Record<`workflow_payload.${string}`, AccessRule>;
