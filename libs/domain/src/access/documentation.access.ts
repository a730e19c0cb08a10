import { AccessRule, OVERSIGHT_ROLES } from './access-policy';

/**
 * Documentation on demand for high-risk systems (the Annex IV technical documentation and the
 * fundamental rights impact assessment): read and downloaded by those who oversee the
 * management system (the governance office, auditors, admins) and by the system's accountable
 * owner. Approvers see the system itself (`ai_system.read`), not these compiled documents.
 * The monitoring plan and the statements are written under `ai_system.manage`.
 */
export const DOCUMENTATION_ACCESS = {
  'ai_system.documentation': {
    roles: OVERSIGHT_ROLES,
    relations: ['owner'],
    refusal: { message: 'the technical documentation and the fundamental rights impact assessment are for the governance office, auditors, admins and the accountable owner' },
  },
} as const satisfies Record<`ai_system.${string}`, AccessRule>;
