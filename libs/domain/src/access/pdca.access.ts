import { AccessRule, SEES_EVERYTHING_ROLES } from './access-policy';

/** open and oversee PDCA items */
const OVERSIGHT = ['governance_office', 'auditor', 'risk_officer', 'security_officer', 'privacy_officer', 'admin'] as const;

/**
 * PDCA items. `pdca.plan` and `pdca.complete` are checked by the item's workflow against its
 * own owner; the others by the API.
 */
export const PDCA_ACCESS = {
  'pdca.open': {
    roles: OVERSIGHT,
    relations: ['system_owner'],
    refusal: { message: 'only the governance office, auditors, risk roles, admins or the system’s owner open PDCA items', field: 'kind' },
  },
  'pdca.list_all': { roles: SEES_EVERYTHING_ROLES, refusal: { message: 'you may see only PDCA items you own or of your AI systems' } },
  'pdca.read': {
    roles: SEES_EVERYTHING_ROLES,
    relations: ['owner', 'system_owner'],
    refusal: { message: 'you may see only PDCA items you own or of your AI systems', field: 'id' },
  },
  'pdca.plan': {
    roles: ['governance_office', 'admin'],
    relations: ['owner'],
    refusal: { message: 'only the owner, the governance office or an admin may plan this item', field: 'ownerId' },
  },
  'pdca.complete': { roles: [], relations: ['owner'], refusal: { message: 'only the owner records the action as carried out', field: 'actor' } },
  /** the workflow also refuses the owner and whoever completed the action (segregation of duties) */
  'pdca.verify': {
    roles: [...OVERSIGHT, 'approver'],
    refusal: { message: 'effectiveness is verified by the governance office, an auditor, a risk role, an approver or an admin', field: 'effective' },
  },
} as const satisfies Record<`pdca.${string}`, AccessRule>;
