import { APPROVING_ROLES, UserRole } from '../governance-policy.types';

/**
 * The core of the access policy: who may do what. Each concern (`ai-system.access.ts`,
 * `task.access.ts`, ...) names its actions with one rule each; `decide` in `access.ts` answers
 * for all of them, for the API (guard and services) and the workflow validators alike.
 * Pure: no Nest, no Node, so workflow code may import it.
 */

/**
 * The role groups the rules are written in, named once: who oversees the management system
 * (reads everything of it), who runs it, and who sees every AI system and PDCA item.
 */
export const OVERSIGHT_ROLES = ['governance_office', 'auditor', 'admin'] as const satisfies readonly UserRole[];
export const GOVERNANCE_ROLES = ['governance_office', 'admin'] as const satisfies readonly UserRole[];
/** everyone who may be asked to approve, and auditors */
export const SEES_EVERYTHING_ROLES = [...APPROVING_ROLES, 'auditor'] as const;

/** How the subject stands to the resource; each relation compares the subject's id with one id on the resource. */
export type AccessRelation = 'owner' | 'creator' | 'assignee' | 'system_owner' | 'participant';

/** The person asking: a signed-in user (the API's principal fits), or a workflow Update's actor and roles. */
export interface AccessSubject {
  readonly id: string;
  readonly roles: ReadonlySet<string> | readonly string[];
}

/** The ids on the resource that relations are checked against; leave out what does not apply. */
export interface AccessResource {
  /** the accountable owner of an AI system, or the owner of a PDCA item */
  readonly ownerId?: string | null;
  /** who registered the AI system */
  readonly creatorId?: string | null;
  /** whom the task is assigned to */
  readonly assigneeId?: string | null;
  /** the accountable owner of the AI system a PDCA item is about */
  readonly systemOwnerId?: string | null;
  /** the people invited to a management review, or the auditors of an internal audit */
  readonly participantIds?: readonly string[] | null;
}

/** What the API answers (403) when the rule refuses: the message and, where there is one, the field. */
export interface AccessRefusal {
  readonly message: string;
  readonly field?: string;
}

export interface AccessRule {
  /** any one of these roles allows the action */
  readonly roles: readonly UserRole[];
  /** or any one of these relations to the resource */
  readonly relations?: readonly AccessRelation[];
  /** and this action must be allowed first (its refusal is the answer when it is not) */
  readonly requires?: string;
  readonly refusal: AccessRefusal;
}

export type AccessDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string; readonly field?: string };

/** The refusal of a role-only rule checked by the API's guard. */
export function needsOneOfTheRoles(roles: readonly UserRole[]): AccessRefusal {
  return { message: `this needs one of the roles: ${roles.join(', ')}` };
}

export function holdsAnyRole(roles: AccessSubject['roles'], wanted: readonly string[]): boolean {
  const held: ReadonlySet<string> = roles instanceof Set ? roles : new Set(roles as readonly string[]);
  return wanted.some((role) => held.has(role));
}

const RELATED: Record<AccessRelation, (subjectId: string, r: AccessResource) => boolean> = {
  owner: (id, r) => r.ownerId != null && r.ownerId === id,
  creator: (id, r) => r.creatorId != null && r.creatorId === id,
  assignee: (id, r) => r.assigneeId != null && r.assigneeId === id,
  system_owner: (id, r) => r.systemOwnerId != null && r.systemOwnerId === id,
  participant: (id, r) => (r.participantIds ?? []).includes(id),
};

/** One rule on its own (without `requires`); `decide` chains them. */
export function ruleAllows(rule: AccessRule, subject: AccessSubject, resource: AccessResource = {}): boolean {
  if (holdsAnyRole(subject.roles, rule.roles)) return true;
  return (rule.relations ?? []).some((relation) => RELATED[relation](subject.id, resource));
}
