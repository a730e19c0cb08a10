import { AccessRule, SEES_EVERYTHING_ROLES } from './access-policy';

/** who keeps the risk register: create and edit any risk */
const RISK_EDITORS = ['governance_office', 'risk_officer', 'security_officer', 'privacy_officer', 'admin'] as const;

/**
 * The risk register. A product owner creates risks for systems they own (`system_owner`: every
 * system the risk names is theirs) and reads the risks of their systems; a risk's owner rates
 * and edits it; approvers and auditors read all. Whoever rated a risk never accepts it: the API
 * asks `checkRiskAcceptance` (libs/domain/src/risk-register.ts) after `risk.accept`.
 */
export const RISK_ACCESS = {
  'risk.create': {
    roles: RISK_EDITORS,
    relations: ['system_owner'],
    refusal: { message: 'risks are registered by the governance office, risk, security and privacy officers, admins, or the owner of every AI system named', field: 'aiSystemIds' },
  },
  'risk.list_all': { roles: SEES_EVERYTHING_ROLES, refusal: { message: 'you may see only risks you own or of your AI systems' } },
  'risk.read': {
    roles: SEES_EVERYTHING_ROLES,
    relations: ['owner', 'system_owner'],
    refusal: { message: 'you may see only risks you own or of your AI systems', field: 'id' },
  },
  'risk.edit': {
    roles: RISK_EDITORS,
    relations: ['owner'],
    refusal: { message: 'only the risk’s owner, the governance office, risk, security and privacy officers or admins edit a risk', field: 'id' },
  },
  'risk.accept': {
    roles: ['governance_office', 'risk_officer', 'admin'],
    relations: ['owner'],
    refusal: { message: 'a risk is accepted by its owner, the governance office, a risk officer or an admin', field: 'treatment' },
  },
  /** asking for the approval round that accepts a risk above the appetite: whoever may accept one within it */
  'risk.request_acceptance': {
    roles: ['governance_office', 'risk_officer', 'admin'],
    relations: ['owner'],
    refusal: { message: 'an acceptance round is asked for by the risk’s owner, the governance office, a risk officer or an admin', field: 'id' },
  },
  /** the heat map counts every risk */
  'risk.report': { roles: SEES_EVERYTHING_ROLES, refusal: { message: 'the risk matrix report counts every risk; it needs an approving or auditing role' } },
} as const satisfies Record<`risk.${string}`, AccessRule>;
