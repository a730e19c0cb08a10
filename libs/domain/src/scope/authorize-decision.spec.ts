import { LIFECYCLE_STAGES, type LifecycleStage } from '../lifecycle-stage';
import { ambiguousModelAnswer, decideAuthorization, DENY_REASONS, SERVING_STAGES, type AuthorizeAnswer, type AuthorizeQuestion, type RuntimeSnapshot } from './authorize-decision';

const SCOPE = {
  dataCategories: ['claims_history', 'customer_contact'],
  tools: ['crm.search', 'mcp:mail/send'],
  decisions: ['claim_triage'],
  autonomy: 'human_in_the_loop' as const,
  version: 2,
  hash: 'a'.repeat(64),
};

function system(overrides: Partial<RuntimeSnapshot> = {}): RuntimeSnapshot {
  return {
    systemId: '00000000-0000-4000-8000-000000000001',
    name: 'Claims triage',
    stage: 'operation',
    currentVersion: '1.2.0',
    runningModel: { name: 'claims-triage', version: '7' },
    scope: SCOPE,
    ...overrides,
  };
}

const ask = (overrides: Partial<AuthorizeQuestion> = {}): AuthorizeQuestion => ({ action: 'call_tool', targets: ['crm.search'], ...overrides });

/** Every reason the function can give, collected by the tests below: none may go untested. */
const seen = new Set<string>();
function decide(s: RuntimeSnapshot | null, q: AuthorizeQuestion, ref?: string): AuthorizeAnswer {
  const answer = decideAuthorization(s, q, ref);
  seen.add(answer.reason);
  return answer;
}

describe('decideAuthorization', () => {
  afterAll(() => {
    seen.add(ambiguousModelAnswer('m', 2).reason);
    expect([...seen].sort()).toEqual([...DENY_REASONS, 'inside_scope'].sort());
  });

  it('allows each action inside its own list, and says which scope version allowed it', () => {
    expect(decide(system(), ask())).toEqual({
      decision: 'allow',
      reason: 'inside_scope',
      message: "calling 'crm.search' is inside the approved scope of Claims triage (scope version 2, autonomy 'human_in_the_loop')",
    });
    expect(decide(system(), ask({ action: 'use_data', targets: ['customer_contact', 'claims_history'] }))).toMatchObject({ decision: 'allow', message: expect.stringContaining('2 data categories') });
    expect(decide(system(), ask({ action: 'take_decision', targets: ['claim_triage'] })).decision).toBe('allow');
    // periodic review keeps the approved version in service
    expect(decide(system({ stage: 'periodic_review' }), ask()).decision).toBe('allow');
  });

  it('denies a target outside the list of its action, naming it, even when another list holds it', () => {
    const answer = decide(system(), ask({ targets: ['crm.search', 'payments.refund', 'claim_triage'] }));
    expect(answer).toMatchObject({ decision: 'deny', reason: 'outside_scope', target: 'payments.refund', outsideScope: ['payments.refund', 'claim_triage'] });
    expect(answer.message).toBe(
      "calling 'payments.refund' is outside the approved scope of Claims triage (scope version 2: 2 tools, systems and agents allowed) (and 1 more: claim_triage)",
    );
    // compared exactly: case matters, and an entry is not a prefix
    expect(decide(system(), ask({ targets: ['CRM.search'] }))).toMatchObject({ reason: 'outside_scope', target: 'CRM.search' });
    expect(decide(system(), ask({ targets: ['crm'] }))).toMatchObject({ reason: 'outside_scope', target: 'crm' });
    expect(decide(system(), ask({ action: 'use_data', targets: ['health_records'] }))).toMatchObject({ reason: 'outside_scope', target: 'health_records' });
  });

  it('denies an unknown system as ungoverned, naming how it was asked for', () => {
    expect(decide(null, ask(), "model 'fraud-score'")).toEqual({
      decision: 'deny',
      reason: 'unknown_system',
      message: "no AI system is registered as model 'fraud-score'; an ungoverned system is denied everything",
    });
  });

  it('denies every stage but operation and periodic review, each with its own reason', () => {
    const reasons = Object.fromEntries(
      LIFECYCLE_STAGES.map((stage: LifecycleStage) => [stage, decide(system({ stage, currentVersion: stage === 'rollback' ? '1.1.0' : '1.2.0' }), ask()).reason]),
    );
    expect(reasons).toEqual({
      design: 'not_deployed',
      impact_assessment: 'not_deployed',
      approval: 'not_deployed',
      deployment: 'not_deployed',
      operation: 'inside_scope',
      periodic_review: 'inside_scope',
      rollback: 'rolled_back',
      retirement: 'retired',
      retired: 'retired',
      rejected: 'not_deployed',
    });
    expect(SERVING_STAGES).toEqual(['operation', 'periodic_review']);
    expect(decide(system({ stage: 'rollback', currentVersion: '1.1.0' }), ask()).message).toBe(
      'Claims triage was rolled back (to version 1.1.0) and is out of service until a version is redeployed',
    );
  });

  it('tells a suspension (rolled back to nothing) from a rollback to an earlier version', () => {
    expect(decide(system({ stage: 'rollback', currentVersion: null }), ask())).toMatchObject({ reason: 'suspended', message: expect.stringContaining('no version in service') });
  });

  it('denies a version or model that is not the approved one in operation', () => {
    expect(decide(system(), ask({ version: '1.2.0' })).decision).toBe('allow');
    expect(decide(system(), ask({ version: '1.3.0-rc1' }))).toMatchObject({
      reason: 'version_not_approved',
      message: "version '1.3.0-rc1' is not the approved version in operation for Claims triage (running: 1.2.0)",
    });
    expect(decide(system(), ask({ model: { name: 'claims-triage', version: '7' } })).decision).toBe('allow');
    expect(decide(system(), ask({ model: { name: 'claims-triage', version: '8' } }))).toMatchObject({
      reason: 'version_not_approved',
      message: "model claims-triage 8 is not the model of Claims triage's approved version in operation (claims-triage 7)",
    });
    expect(decide(system({ runningModel: null }), ask({ model: { name: 'claims-triage', version: '7' } }))).toMatchObject({ reason: 'version_not_approved' });
  });

  it('checks the stage before the version, and the version before the scope', () => {
    expect(decide(system({ stage: 'retired' }), ask({ version: 'x', targets: ['nope'] })).reason).toBe('retired');
    expect(decide(system({ scope: null }), ask({ version: 'x' })).reason).toBe('version_not_approved');
  });

  it('denies a system in operation that has no approved scope', () => {
    expect(decide(system({ scope: null }), ask())).toMatchObject({ reason: 'no_approved_scope', message: expect.stringContaining('has no approved scope') });
  });

  it('denies acting with more autonomy than approved, allows as much or less', () => {
    expect(decide(system(), ask({ autonomy: 'fully_automated' }))).toMatchObject({
      reason: 'autonomy_exceeded',
      message: "Claims triage is approved for 'human_in_the_loop' autonomy; acting 'fully_automated' is beyond it",
    });
    expect(decide(system(), ask({ autonomy: 'human_on_the_loop' })).reason).toBe('autonomy_exceeded');
    expect(decide(system(), ask({ autonomy: 'human_in_the_loop' })).decision).toBe('allow');
    expect(decide(system(), ask({ autonomy: 'advisory' })).decision).toBe('allow');
  });

  it('asks for the system when a model name is shared', () => {
    expect(ambiguousModelAnswer('gpt-4o', 3)).toEqual({
      decision: 'deny',
      reason: 'ambiguous_model',
      message: "model 'gpt-4o' is used by 3 AI systems; name the system (systemId) the request is for",
    });
  });
});
