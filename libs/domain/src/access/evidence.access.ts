import { AccessRule, needsOneOfTheRoles, OVERSIGHT_ROLES, SEES_EVERYTHING_ROLES } from './access-policy';

/** who keeps manual evidence for any control: those who keep the risk register */
const EVIDENCE_MANAGERS = ['governance_office', 'risk_officer', 'security_officer', 'privacy_officer', 'admin'] as const;

/**
 * Evidence of the controls. One system's controls follow `ai_system.read`; evidence across
 * every system is for those who oversee the management system. Manual evidence (documents and
 * links) is kept by the governance office, the risk, security and privacy officers, admins, or
 * the owner of every AI system it names (`system_owner`); it is read by whoever sees every AI
 * system, its owner, and the owner of every system it names.
 */
export const EVIDENCE_ACCESS = {
  'evidence.read_all': { roles: OVERSIGHT_ROLES, refusal: needsOneOfTheRoles(OVERSIGHT_ROLES) },
  'evidence.manage': {
    roles: EVIDENCE_MANAGERS,
    relations: ['system_owner'],
    refusal: { message: 'manual evidence is kept by the governance office, risk, security and privacy officers, admins, or the owner of every AI system it names', field: 'aiSystemIds' },
  },
  'evidence.read': {
    roles: SEES_EVERYTHING_ROLES,
    relations: ['owner', 'system_owner'],
    refusal: { message: 'you may see only manual evidence you own or of your AI systems', field: 'id' },
  },
} as const satisfies Record<`evidence.${string}`, AccessRule>;
