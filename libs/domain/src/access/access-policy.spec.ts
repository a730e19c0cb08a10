import { USER_ROLES, UserRole } from '../governance-policy.types';
import { ACCESS_ACTIONS, ACCESS_POLICY, AccessAction, decide, isRoleOnlyAction } from './access';
import type { AccessRelation, AccessResource, AccessRule } from './access-policy';

/**
 * The access policy, written out: for every action, which of the eight roles may do it with no
 * relation to the resource (`none`), and, where a relation changes the answer, with it. A
 * relation not listed for an action must not change the answer. Y = allowed, - = refused.
 * Columns follow USER_ROLES:
 *
 *   product_owner approver risk_officer security_officer privacy_officer governance_office auditor admin
 */
type Row = string;
const EXPECTED: Record<AccessAction, { none: Row } & Partial<Record<AccessRelation, Row>>> = {
  //                                       po apr rsk sec prv gov aud adm
  'ai_system.register':         { none:    'Y  -   -   -   -   Y   -   -' },
  'ai_system.list_all':         { none:    '-  Y   Y   Y   Y   Y   Y   Y' },
  'ai_system.read':             { none:    '-  Y   Y   Y   Y   Y   Y   Y',
                                  owner:   'Y  Y   Y   Y   Y   Y   Y   Y',
                                  creator: 'Y  Y   Y   Y   Y   Y   Y   Y' },
  'ai_system.manage':           { none:    '-  -   -   -   -   Y   -   -',
                                  owner:   'Y  Y   Y   Y   Y   Y   Y   Y' },
  'ai_system.import':           { none:    '-  -   -   -   -   Y   -   Y' },
  'ai_system.import_history':   { none:    '-  -   -   -   -   Y   Y   Y' },
  'audit_trail.read_system':    { none:    '-  -   -   -   -   Y   Y   Y',
                                  owner:   'Y  Y   Y   Y   Y   Y   Y   Y',
                                  creator: '-  -   -   -   -   Y   Y   Y' },
  'audit_trail.verify_all':     { none:    '-  -   -   -   -   Y   Y   Y' },
  'task.list_all':              { none:    '-  -   -   -   -   Y   Y   Y' },
  'task.read':                  { none:    '-  -   -   -   -   Y   Y   Y',
                                  assignee:'Y  Y   Y   Y   Y   Y   Y   Y' },
  'task.decide':                { none:    '-  -   -   -   -   -   -   -',
                                  assignee:'Y  Y   Y   Y   Y   Y   Y   Y' },
  'task.delegate':              { none:    '-  -   -   -   -   Y   -   Y',
                                  assignee:'Y  Y   Y   Y   Y   Y   Y   Y' },
  'pdca.open':                  { none:    '-  -   Y   Y   Y   Y   Y   Y',
                                  system_owner: 'Y Y Y   Y   Y   Y   Y   Y' },
  'pdca.list_all':              { none:    '-  Y   Y   Y   Y   Y   Y   Y' },
  'pdca.read':                  { none:    '-  Y   Y   Y   Y   Y   Y   Y',
                                  owner:   'Y  Y   Y   Y   Y   Y   Y   Y',
                                  system_owner: 'Y Y Y   Y   Y   Y   Y   Y' },
  'pdca.plan':                  { none:    '-  -   -   -   -   Y   -   Y',
                                  owner:   'Y  Y   Y   Y   Y   Y   Y   Y' },
  'pdca.complete':              { none:    '-  -   -   -   -   -   -   -',
                                  owner:   'Y  Y   Y   Y   Y   Y   Y   Y' },
  'pdca.verify':                { none:    '-  Y   Y   Y   Y   Y   Y   Y' },
  'management_review.read':     { none:    '-  -   -   -   -   Y   Y   Y' },
  'management_review.convene':  { none:    '-  -   -   -   -   Y   -   Y' },
  'management_review.minutes':  { none:    '-  -   -   -   -   Y   -   Y' },
  'internal_audit.read':        { none:    '-  -   -   -   -   Y   Y   Y' },
  'internal_audit.open':        { none:    '-  -   -   -   -   Y   -   Y' },
  'internal_audit.report':      { none:    '-  -   -   -   -   Y   Y   Y' },
  'report.read':                { none:    '-  -   -   -   -   Y   Y   Y' },
  'evidence.read_all':          { none:    '-  -   -   -   -   Y   Y   Y' },
  'evidence.manage':            { none:    '-  -   Y   Y   Y   Y   -   Y',
                                  system_owner: 'Y Y Y   Y   Y   Y   Y   Y' },
  'evidence.read':              { none:    '-  Y   Y   Y   Y   Y   Y   Y',
                                  owner:   'Y  Y   Y   Y   Y   Y   Y   Y',
                                  system_owner: 'Y Y Y   Y   Y   Y   Y   Y' },
  'user.manage':                { none:    '-  -   -   -   -   -   -   Y' },
  'webhook_subscription.manage': { none:   '-  -   -   -   -   -   -   Y' },
  'webhook_subscription.read':  { none:    '-  -   -   -   -   Y   Y   Y' },
  'user.list':                  { none:    '-  -   -   -   -   -   -   Y' },
  'user.read':                  { none:    '-  -   -   -   -   Y   Y   Y' },
  'user.directory':             { none:    '-  Y   Y   Y   Y   Y   Y   Y' },
  'risk.create':                { none:    '-  -   Y   Y   Y   Y   -   Y',
                                  system_owner: 'Y Y Y   Y   Y   Y   Y   Y' },
  'risk.list_all':              { none:    '-  Y   Y   Y   Y   Y   Y   Y' },
  'risk.read':                  { none:    '-  Y   Y   Y   Y   Y   Y   Y',
                                  owner:   'Y  Y   Y   Y   Y   Y   Y   Y',
                                  system_owner: 'Y Y Y   Y   Y   Y   Y   Y' },
  'risk.edit':                  { none:    '-  -   Y   Y   Y   Y   -   Y',
                                  owner:   'Y  Y   Y   Y   Y   Y   Y   Y' },
  'risk.accept':                { none:    '-  -   Y   -   -   Y   -   Y',
                                  owner:   'Y  Y   Y   Y   Y   Y   Y   Y' },
  'risk.request_acceptance':    { none:    '-  -   Y   -   -   Y   -   Y',
                                  owner:   'Y  Y   Y   Y   Y   Y   Y   Y' },
  'risk.report':                { none:    '-  Y   Y   Y   Y   Y   Y   Y' },
  'soa.read':                   { none:    'Y  Y   Y   Y   Y   Y   Y   Y' },
  'soa.edit':                   { none:    '-  -   -   -   -   Y   -   Y' },
  'soa.publish':                { none:    '-  -   -   -   -   Y   -   Y' },
  'questionnaire.read':         { none:    'Y  Y   Y   Y   Y   Y   Y   Y' },
  'questionnaire.draft':        { none:    '-  -   -   -   -   Y   -   Y' },
  'questionnaire.publish':      { none:    '-  -   -   -   -   Y   -   Y' },
  'reassessment.list_all':      { none:    '-  -   -   -   -   Y   Y   Y' },
  'webhook_source.manage':      { none:    '-  -   -   -   -   -   -   Y' },
  'api_token.manage':           { none:    '-  -   -   -   -   -   -   Y',
                                  owner:   'Y  Y   Y   Y   Y   Y   Y   Y' },
  'workflow_payload.codec':     { none:    '-  -   -   -   -   Y   Y   Y' },
  'gateway_token.manage':       { none:    '-  -   -   -   -   -   -   Y' },
  'scope.test':                 { none:    '-  -   -   -   -   Y   -   -' },
  'ai_system.documentation':    { none:    '-  -   -   -   -   Y   Y   Y',
                                  owner:   'Y  Y   Y   Y   Y   Y   Y   Y' },
  'serious_incident.declare':   { none:    '-  -   -   -   -   Y   -   -',
                                  owner:   'Y  Y   Y   Y   Y   Y   Y   Y' },
  'serious_incident.relax':     { none:    '-  -   -   -   -   Y   -   -' },
  'serious_incident.submit':    { none:    '-  -   -   -   -   Y   -   -',
                                  owner:   'Y  Y   Y   Y   Y   Y   Y   Y' },
};

/** What the API answers when refused (tests and clients rely on these). */
const REFUSALS: Record<AccessAction, [message: string, field?: string]> = {
  'ai_system.register': ['this needs one of the roles: product_owner, governance_office'],
  'ai_system.list_all': ['you may see only AI systems you own or registered'],
  'ai_system.read': ['you may not see this AI system'],
  'ai_system.manage': ['only the accountable owner or the governance office may act on this AI system'],
  'ai_system.import': ['this needs one of the roles: governance_office, admin'],
  'ai_system.import_history': ['this needs one of the roles: governance_office, auditor, admin'],
  'audit_trail.read_system': ['the audit trail is for auditors, the governance office and the accountable owner'],
  'audit_trail.verify_all': ['this needs one of the roles: governance_office, auditor, admin'],
  'task.list_all': ['assignee=all needs the governance office, auditor or admin role', 'assignee'],
  'task.read': ['this task is assigned to someone else'],
  'task.decide': ['only the assignee may decide this task', 'taskId'],
  'task.delegate': ['only the assignee (or the governance office) may delegate this task', 'taskId'],
  'pdca.open': ['only the governance office, auditors, risk roles, admins or the system’s owner open PDCA items', 'kind'],
  'pdca.list_all': ['you may see only PDCA items you own or of your AI systems'],
  'pdca.read': ['you may see only PDCA items you own or of your AI systems', 'id'],
  'pdca.plan': ['only the owner, the governance office or an admin may plan this item', 'ownerId'],
  'pdca.complete': ['only the owner records the action as carried out', 'actor'],
  'pdca.verify': ['effectiveness is verified by the governance office, an auditor, a risk role, an approver or an admin', 'effective'],
  'management_review.convene': ['only the governance office or an admin may do this'],
  'management_review.minutes': ['only the governance office or an admin may do this', 'minutes'],
  'management_review.read': ['this needs one of the roles: governance_office, auditor, admin'],
  'internal_audit.read': ['this needs one of the roles: governance_office, auditor, admin'],
  'internal_audit.open': ['only the governance office or an admin may do this'],
  'internal_audit.report': ['only auditors, the governance office or an admin report an internal audit', 'summary'],
  'report.read': ['this needs one of the roles: governance_office, auditor, admin'],
  'evidence.read_all': ['this needs one of the roles: governance_office, auditor, admin'],
  'evidence.manage': ['manual evidence is kept by the governance office, risk, security and privacy officers, admins, or the owner of every AI system it names', 'aiSystemIds'],
  'evidence.read': ['you may see only manual evidence you own or of your AI systems', 'id'],
  'user.manage': ['managing users needs the admin role'],
  'webhook_subscription.manage': ['managing webhook subscriptions needs the admin role'],
  'webhook_subscription.read': ['this needs one of the roles: governance_office, auditor, admin'],
  'user.list': ['managing users needs the admin role'],
  'user.read': ['this needs one of the roles: governance_office, auditor, admin'],
  'user.directory': ['this needs one of the roles: approver, risk_officer, security_officer, privacy_officer, governance_office, admin, auditor'],
  'risk.create': ['risks are registered by the governance office, risk, security and privacy officers, admins, or the owner of every AI system named', 'aiSystemIds'],
  'risk.list_all': ['you may see only risks you own or of your AI systems'],
  'risk.read': ['you may see only risks you own or of your AI systems', 'id'],
  'risk.edit': ['only the risk’s owner, the governance office, risk, security and privacy officers or admins edit a risk', 'id'],
  'risk.accept': ['a risk is accepted by its owner, the governance office, a risk officer or an admin', 'treatment'],
  'risk.request_acceptance': ['an acceptance round is asked for by the risk’s owner, the governance office, a risk officer or an admin', 'id'],
  'risk.report': ['the risk matrix report counts every risk; it needs an approving or auditing role'],
  'soa.read': ['this needs one of the roles: product_owner, approver, risk_officer, security_officer, privacy_officer, governance_office, auditor, admin'],
  'soa.edit': ['only the governance office or an admin edits the Statement of Applicability'],
  'soa.publish': ['only the governance office or an admin submits the Statement of Applicability for publication'],
  'questionnaire.read': ['this needs one of the roles: product_owner, approver, risk_officer, security_officer, privacy_officer, governance_office, auditor, admin'],
  'questionnaire.draft': ['only the governance office or an admin drafts a questionnaire version'],
  'questionnaire.publish': ['only the governance office or an admin submits a questionnaire version for publication'],
  'reassessment.list_all': ['every re-assessment is listed for the governance office, auditors and admins; ask for your own with mine=true', 'mine'],
  'webhook_source.manage': ['managing webhook sources needs the admin role'],
  'api_token.manage': ['you manage only your own API tokens; an admin manages anyone’s', 'id'],
  'workflow_payload.codec': ['Temporal payloads are decoded only for the governance office, auditors and admins (roles: governance_office, auditor, admin)'],
  'gateway_token.manage': ['managing gateway tokens needs the admin role'],
  'scope.test': ['only a gateway token or the governance office may ask for an authorization decision'],
  'ai_system.documentation': ['the technical documentation and the fundamental rights impact assessment are for the governance office, auditors, admins and the accountable owner'],
  'serious_incident.declare': ['only the accountable owner or the governance office may mark an incident serious or make its category stricter', 'monitoringEventId'],
  'serious_incident.relax': ['only the governance office may relax the category of a serious incident (it lengthens the deadline)', 'category'],
  'serious_incident.submit': ['only the accountable owner or the governance office record the submission of the report', 'authority'],
};

const ME = 'me-0000';
const SOMEONE = 'someone-else';
const RELATIONS: AccessRelation[] = ['owner', 'creator', 'assignee', 'system_owner', 'participant'];

/** A resource to which ME stands in `relation` (or in none), every other id being someone else's. */
function resource(relation: AccessRelation | 'none'): AccessResource {
  const of = (r: AccessRelation) => (relation === r ? ME : SOMEONE);
  return { ownerId: of('owner'), creatorId: of('creator'), assigneeId: of('assignee'), systemOwnerId: of('system_owner'), participantIds: [of('participant')] };
}

function cells(row: Row): boolean[] {
  const marks = row.trim().split(/\s+/);
  expect(marks).toHaveLength(USER_ROLES.length);
  return marks.map((m) => m === 'Y');
}

describe('access policy', () => {
  it('has a row in the expected table for every action, and no more', () => {
    expect([...ACCESS_ACTIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  const cases = ACCESS_ACTIONS.flatMap((action) =>
    (['none', ...RELATIONS] as const).flatMap((relation) => {
      const row = EXPECTED[action][relation as AccessRelation] ?? EXPECTED[action].none;
      return USER_ROLES.map((role, i) => [action, relation, role, i, row] as const);
    }),
  );

  it.each(cases)('%s, relation %s, role %s', (action, relation, role, i, row) => {
    const expected = cells(row)[i];
    expect(decide({ id: ME, roles: [role] }, action, resource(relation)).allowed).toBe(expected);
  });

  it.each(ACCESS_ACTIONS)('%s: refuses with the API’s message and field', (action) => {
    const [message, field] = REFUSALS[action];
    const rule: AccessRule = ACCESS_POLICY[action];
    // With a prerequisite that someone related to the system passes (the creator reads it), the rule's own refusal shows.
    const decision = decide({ id: ME, roles: [] }, action, rule.requires ? resource('creator') : resource('none'));
    expect(decision).toEqual({ allowed: false, reason: message, ...(field ? { field } : {}) });
  });

  it('answers for a role set as for its best role, and accepts a Set (the API principal) or an array (a workflow Update)', () => {
    expect(decide({ id: ME, roles: new Set<UserRole>(['product_owner', 'auditor']) }, 'report.read').allowed).toBe(true);
    expect(decide({ id: ME, roles: ['product_owner', 'approver'] }, 'report.read').allowed).toBe(false);
  });

  it('never treats a missing id on the resource as a relation', () => {
    expect(decide({ id: ME, roles: [] }, 'ai_system.manage', {}).allowed).toBe(false);
    expect(decide({ id: ME, roles: [] }, 'pdca.open', { systemOwnerId: null }).allowed).toBe(false);
  });

  it('refuses a stranger the audit trail as it refuses the system itself (the read comes first)', () => {
    expect(decide({ id: ME, roles: ['product_owner'] }, 'audit_trail.read_system', resource('none'))).toEqual({
      allowed: false,
      reason: 'you may not see this AI system',
    });
    expect(decide({ id: ME, roles: ['approver'] }, 'audit_trail.read_system', resource('none'))).toEqual({
      allowed: false,
      reason: 'the audit trail is for auditors, the governance office and the accountable owner',
    });
  });

  it('keeps the guard’s actions role-only', () => {
    for (const action of ['ai_system.register', 'audit_trail.verify_all', 'report.read', 'user.manage', 'user.list', 'user.read'] as const) {
      expect(isRoleOnlyAction(action)).toBe(true);
    }
    expect(isRoleOnlyAction('ai_system.read')).toBe(false);
    expect(isRoleOnlyAction('audit_trail.read_system')).toBe(false);
  });

  it('names only existing actions as prerequisites', () => {
    for (const rule of Object.values(ACCESS_POLICY) as Array<{ requires?: string }>) {
      if (rule.requires) expect(ACCESS_ACTIONS).toContain(rule.requires);
    }
  });

  it('lets everyone who may verify a PDCA item read every item (verify checks no relation)', () => {
    for (const role of USER_ROLES) {
      if (decide({ id: ME, roles: [role] }, 'pdca.verify').allowed) expect(decide({ id: ME, roles: [role] }, 'pdca.list_all').allowed).toBe(true);
    }
  });
});
