import { AccessDecision, AccessResource, AccessRule, AccessSubject, ruleAllows } from './access-policy';
import { AI_SYSTEM_ACCESS } from './ai-system.access';
import { AUDIT_ACCESS } from './audit.access';
import { GOVERNANCE_CYCLE_ACCESS } from './governance-cycle.access';
import { PDCA_ACCESS } from './pdca.access';
import { REPORT_ACCESS } from './report.access';
import { TASK_ACCESS } from './task.access';
import { USER_ACCESS } from './user.access';
import { EVIDENCE_ACCESS } from './evidence.access';
import { RISK_ACCESS } from './risk.access';
import { SOA_ACCESS } from './soa.access';
import { WEBHOOK_SOURCE_ACCESS } from './webhook-source.access';
import { API_TOKEN_ACCESS } from './api-token.access';
import { WORKFLOW_PAYLOAD_ACCESS } from './workflow-payload.access';
import { WEBHOOK_SUBSCRIPTION_ACCESS } from './webhook-subscription.access';
import { QUESTIONNAIRE_ACCESS } from './questionnaire.access';
import { SCOPE_ACCESS } from './scope.access';
import { DOCUMENTATION_ACCESS } from './documentation.access';
import { SERIOUS_INCIDENT_ACCESS } from './serious-incident.access';

/** Every action with its rule: the one place that says who may do what. */
export const ACCESS_POLICY = {
  ...AI_SYSTEM_ACCESS,
  ...AUDIT_ACCESS,
  ...TASK_ACCESS,
  ...PDCA_ACCESS,
  ...GOVERNANCE_CYCLE_ACCESS,
  ...REPORT_ACCESS,
  ...EVIDENCE_ACCESS,
  ...USER_ACCESS,
  ...RISK_ACCESS,
  ...SOA_ACCESS,
  ...WEBHOOK_SOURCE_ACCESS,
  ...API_TOKEN_ACCESS,
  ...WORKFLOW_PAYLOAD_ACCESS,
  ...WEBHOOK_SUBSCRIPTION_ACCESS,
  ...QUESTIONNAIRE_ACCESS,
  ...SCOPE_ACCESS,
  ...DOCUMENTATION_ACCESS,
  ...SERIOUS_INCIDENT_ACCESS,
} as const satisfies Record<string, AccessRule>;

export type AccessAction = keyof typeof ACCESS_POLICY;

export const ACCESS_ACTIONS = Object.keys(ACCESS_POLICY) as AccessAction[];

/** Actions decided by roles alone (no relation to a resource): the API's guard checks these (`@Allow`). */
export type RoleOnlyAccessAction = {
  [A in AccessAction]: (typeof ACCESS_POLICY)[A] extends { relations: readonly unknown[] } | { requires: string } ? never : A;
}[AccessAction];

export function isRoleOnlyAction(action: AccessAction): action is RoleOnlyAccessAction {
  const rule: AccessRule = ACCESS_POLICY[action];
  return !rule.relations?.length && !rule.requires;
}

/**
 * May `subject` do `action` (on `resource`, for relation-dependent actions)? A refusal carries
 * the message and field the API answers with.
 */
export function decide(subject: AccessSubject, action: AccessAction, resource: AccessResource = {}): AccessDecision {
  const rule: AccessRule = ACCESS_POLICY[action];
  if (rule.requires) {
    const first = decide(subject, rule.requires as AccessAction, resource);
    if (!first.allowed) return first;
  }
  if (ruleAllows(rule, subject, resource)) return { allowed: true };
  return { allowed: false, reason: rule.refusal.message, ...(rule.refusal.field ? { field: rule.refusal.field } : {}) };
}

export function allows(subject: AccessSubject, action: AccessAction, resource: AccessResource = {}): boolean {
  return decide(subject, action, resource).allowed;
}
