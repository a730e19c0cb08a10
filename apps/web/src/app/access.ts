import type { Role } from './roles';

/**
 * Which action controls a screen renders, from the session's roles: the rules of the API's one
 * access policy (libs/domain/src/access) for the actions the web app offers, written in the same
 * role groups. Screens enforce nothing: the API decides every request and its 403 is shown; this
 * keeps controls away from people who would only be refused (an auditor sees no edit button).
 * libs/domain/src/access/web-access.spec.ts fails when a rule here differs from the API's.
 */
const GOVERNANCE = ['governance_office', 'admin'] as const satisfies readonly Role[];
const OVERSIGHT = ['governance_office', 'auditor', 'admin'] as const satisfies readonly Role[];
/** who keeps the risk register and manual evidence */
const REGISTER_KEEPERS = ['governance_office', 'risk_officer', 'security_officer', 'privacy_officer', 'admin'] as const satisfies readonly Role[];
const RISK_ACCEPTORS = ['governance_office', 'risk_officer', 'admin'] as const satisfies readonly Role[];
const APPROVING = ['approver', 'risk_officer', 'security_officer', 'privacy_officer', 'governance_office', 'admin'] as const satisfies readonly Role[];

/** A relation to the resource that allows the action without the role: being its owner. */
type Relation = 'owner' | 'system_owner';

export interface WebAccessRule {
  readonly roles: readonly Role[];
  readonly relations?: readonly Relation[];
}

export const WEB_ACCESS = {
  'soa.edit': { roles: GOVERNANCE },
  'soa.publish': { roles: GOVERNANCE },
  'questionnaire.draft': { roles: GOVERNANCE },
  'questionnaire.publish': { roles: GOVERNANCE },
  'task.delegate': { roles: GOVERNANCE },
  'risk.create': { roles: REGISTER_KEEPERS, relations: ['system_owner'] },
  'risk.edit': { roles: REGISTER_KEEPERS, relations: ['owner'] },
  'risk.accept': { roles: RISK_ACCEPTORS, relations: ['owner'] },
  'risk.request_acceptance': { roles: RISK_ACCEPTORS, relations: ['owner'] },
  'evidence.manage': { roles: REGISTER_KEEPERS, relations: ['system_owner'] },
  'management_review.convene': { roles: GOVERNANCE },
  'management_review.minutes': { roles: GOVERNANCE },
  'internal_audit.open': { roles: GOVERNANCE },
  'internal_audit.report': { roles: OVERSIGHT },
  'user.manage': { roles: ['admin'] },
  'webhook_subscription.manage': { roles: ['admin'] },
  'webhook_source.manage': { roles: ['admin'] },
  'user.directory': { roles: [...APPROVING, 'auditor'] },
  'gateway_token.manage': { roles: ['admin'] },
  'scope.test': { roles: ['governance_office'] },
  /** a system's own settings (its registered model): its owner or the governance office */
  'ai_system.manage': { roles: ['governance_office'], relations: ['owner'] },
  'ai_system.import': { roles: GOVERNANCE },
  /** the Annex IV documentation and the FRIA of a system: oversight roles and its accountable owner */
  'ai_system.documentation': { roles: OVERSIGHT, relations: ['owner'] },
} as const satisfies Record<string, WebAccessRule>;

export type WebAction = keyof typeof WEB_ACCESS;

/**
 * May this person be offered `action`? By role, or (for rules with the `owner` relation) by
 * owning the resource. The `system_owner` relation needs systems the screen does not know, so
 * it never offers by itself: the API still answers such a person.
 */
export function may(user: { id: string; roles: readonly string[] }, action: WebAction, resource: { ownerId?: string | null } = {}): boolean {
  const rule: WebAccessRule = WEB_ACCESS[action];
  if (rule.roles.some((role) => user.roles.includes(role))) return true;
  return (rule.relations ?? []).includes('owner') && !!resource.ownerId && resource.ownerId === user.id;
}
