import { parseGovernancePolicy } from './governance-policy.parser';
import { DEFAULT_ORGANISATION, PolicyValidationError } from './governance-policy.types';

const tier = () => ({
  approval: {
    steps: [
      { name: 'risk', approvers: { roles: ['approver'] }, quorum: '2 of 3' },
      { name: 'security', approvers: { roles: ['governance_office'], users: ['ciso@example.com'] }, quorum: 'all' },
    ],
    reminderAfter: 'P2D',
    escalateAfter: 'P4D',
    escalateTo: { roles: ['admin'] },
    expireAfter: 'P10D',
  },
  review: { cadence: 'P3M', dueWithin: 'P14D' },
});
const valid = () => ({ version: 1, tiers: { minimal: tier(), limited: tier(), high: tier() } });

/** Applies a change to a fresh valid policy and returns the PolicyValidationError it causes. */
function problem(change: (p: ReturnType<typeof valid> & Record<string, any>) => void): PolicyValidationError {
  const p = valid() as ReturnType<typeof valid> & Record<string, any>;
  change(p);
  try {
    parseGovernancePolicy(p);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyValidationError);
    return error as PolicyValidationError;
  }
  throw new Error('expected the policy to be refused');
}

describe('governance policy parser', () => {
  it('parses quorum forms into a normal form', () => {
    const policy = parseGovernancePolicy({
      ...valid(),
      tiers: { ...valid().tiers, minimal: { ...tier(), approval: { ...tier().approval, steps: [{ name: 'one', approvers: { roles: ['approver'] }, quorum: 1 }] } } },
    });
    expect(policy.tiers.minimal.approval.steps[0].quorum).toEqual({ kind: 'count', count: 1 });
    expect(policy.tiers.high.approval.steps[0].quorum).toEqual({ kind: 'count', count: 2, of: 3 });
    expect(policy.tiers.high.approval.steps[1].quorum).toEqual({ kind: 'all' });
    expect(policy.tiers.high.review.cadence).toBe('P3M');
  });

  it('makes steps required unless the policy says otherwise', () => {
    const p = valid();
    (p.tiers.high.approval.steps[1] as Record<string, unknown>).required = false;
    const policy = parseGovernancePolicy(p);
    expect(policy.tiers.high.approval.steps.map((s) => s.required)).toEqual([true, false]);
    expect(policy.tiers.minimal.approval.steps.every((s) => s.required)).toBe(true);
  });

  it.each<[string, (p: any) => void, string, RegExp]>([
    ['a wrong version', (p) => (p.version = 2), 'version', /must be 1/],
    ['a missing tier', (p) => delete p.tiers.high, 'tiers.high', /is required/],
    ['a policy for prohibited systems', (p) => (p.tiers.prohibited = tier()), 'tiers.prohibited', /always rejected/],
    ['an unknown setting', (p) => (p.tiers.high.approval.colour = 'red'), 'tiers.high.approval.colour', /not a known setting/],
    ['no steps', (p) => (p.tiers.limited.approval.steps = []), 'tiers.limited.approval.steps', /at least one/],
    ['an unknown role', (p) => (p.tiers.high.approval.steps[0].approvers.roles = ['wizard']), 'tiers.high.approval.steps[0].approvers.roles[0]', /not a role/],
    ['a bad email', (p) => (p.tiers.high.approval.steps[1].approvers.users = ['ciso']), 'tiers.high.approval.steps[1].approvers.users[0]', /not an email/],
    ['an unknown relation', (p) => (p.tiers.high.approval.steps[0].approvers = { relations: ['cousin'] }), 'tiers.high.approval.steps[0].approvers.relations[0]', /not a relation/],
    ['empty approvers', (p) => (p.tiers.high.approval.steps[0].approvers = {}), 'tiers.high.approval.steps[0].approvers', /at least one/],
    ['a quorum of zero', (p) => (p.tiers.high.approval.steps[0].quorum = 0), 'tiers.high.approval.steps[0].quorum', /at least 1/],
    ['an impossible N of M', (p) => (p.tiers.high.approval.steps[0].quorum = '4 of 3'), 'tiers.high.approval.steps[0].quorum', /1 <= N <= M/],
    ['a word quorum', (p) => (p.tiers.high.approval.steps[0].quorum = 'most'), 'tiers.high.approval.steps[0].quorum', /"N of M"/],
    ['a repeated step name', (p) => (p.tiers.high.approval.steps[1].name = 'risk'), 'tiers.high.approval.steps[1].name', /earlier step/],
    ['a bad duration', (p) => (p.tiers.minimal.review.cadence = 'every month'), 'tiers.minimal.review.cadence', /ISO-8601/],
    ['a zero duration', (p) => (p.tiers.minimal.review.cadence = 'P0D'), 'tiers.minimal.review.cadence', /longer than zero/],
    ['escalation before reminder', (p) => (p.tiers.high.approval.escalateAfter = 'P1D'), 'tiers.high.approval.escalateAfter', /longer than reminderAfter/],
    ['expiry before escalation', (p) => (p.tiers.high.approval.expireAfter = 'P3D'), 'tiers.high.approval.expireAfter', /longer than escalateAfter/],
    ['a non-boolean required', (p) => (p.tiers.high.approval.steps[1].required = 'yes'), 'tiers.high.approval.steps[1].required', /true or false/],
    ['only optional steps', (p) => p.tiers.high.approval.steps.forEach((s: any) => (s.required = false)), 'tiers.high.approval.steps', /at least one required step/],
    ['a missing review', (p) => delete p.tiers.limited.review, 'tiers.limited.review', /is required/],
  ])('refuses %s, naming the field', (_what, change, field, reason) => {
    const error = problem(change);
    expect(error.field).toBe(field);
    expect(error.reason).toMatch(reason);
    expect(error.message).toContain(field);
  });
});

describe('operations settings of the governance policy', () => {
  it('fills defaults: monitoring thresholds, review escalation, PDCA timing, no schedules', () => {
    const parsed = parseGovernancePolicy(valid());
    expect(parsed.tiers.high.monitoring).toEqual({ low: 'record', medium: 'record', high: 'record', critical: 'review' });
    expect(parsed.tiers.high.review).toMatchObject({ escalateAfterDue: 'P14D', escalateTo: { roles: ['admin'] } });
    expect(parsed.pdca).toMatchObject({ remindBefore: 'P2D', escalateAfter: 'P3D' });
    expect(parsed.managementReview).toBeNull();
    expect(parsed.internalAudit).toBeNull();
  });

  it('reads thresholds, management reviews and internal audits', () => {
    const parsed = parseGovernancePolicy({
      ...valid(),
      tiers: { ...valid().tiers, high: { ...tier(), monitoring: { high: 'review', critical: 'rollback' } } },
      managementReview: { cadence: 'P3M', noticePeriod: 'P14D', remindBefore: 'P2D', participants: { roles: ['governance_office'] } },
      internalAudit: { cadence: 'P6M', dueWithin: 'P30D', remindBefore: 'P7D', auditors: { roles: ['auditor'] } },
    });
    expect(parsed.tiers.high.monitoring).toEqual({ low: 'record', medium: 'record', high: 'review', critical: 'rollback' });
    expect(parsed.managementReview?.participants.roles).toEqual(['governance_office']);
    expect(parsed.internalAudit?.dueWithin).toBe('P30D');
  });

  it('names the bad field', () => {
    expect(problem((p) => ((p.tiers.high as Record<string, unknown>).monitoring = { critical: 'panic' })).field).toBe('tiers.high.monitoring.critical');
    expect(problem((p) => ((p.tiers.high as Record<string, unknown>).monitoring = { severe: 'record' })).field).toBe('tiers.high.monitoring.severe');
    expect(problem((p) => (p.managementReview = { cadence: 'P3M', noticePeriod: 'P1D', remindBefore: 'P2D', participants: { roles: ['auditor'] } })).field).toBe(
      'managementReview.remindBefore',
    );
    expect(problem((p) => (p.managementReview = { cadence: 'P3M' })).field).toBe('managementReview.noticePeriod');
    expect(problem((p) => (p.internalAudit = { cadence: 'often', dueWithin: 'P1D', remindBefore: 'PT1H', auditors: { roles: ['auditor'] } })).field).toBe('internalAudit.cadence');
    expect(problem((p) => (p.pdca = { remindBefore: 'P1D', escalateTo: { roles: ['nobody'] } })).field).toBe('pdca.escalateTo.roles[0]');
  });
});

describe('the organisation section of the governance policy', () => {
  it('defaults to a neutral name and the product scope, and reads the organisation’s own', () => {
    expect(parseGovernancePolicy(valid()).organisation).toEqual(DEFAULT_ORGANISATION);
    const own = parseGovernancePolicy({ ...valid(), organisation: { name: '  Acme Health  ', scope: 'Clinical AI at Acme' } });
    expect(own.organisation).toEqual({ name: 'Acme Health', scope: 'Clinical AI at Acme' });
    expect(parseGovernancePolicy({ ...valid(), organisation: { name: 'Acme' } }).organisation).toEqual({ name: 'Acme', scope: DEFAULT_ORGANISATION.scope });
  });

  it('names the bad field', () => {
    expect(problem((p) => (p.organisation = { scope: 'x' }))).toMatchObject({ field: 'organisation.name' });
    expect(problem((p) => (p.organisation = { name: ' ' }))).toMatchObject({ field: 'organisation.name' });
    expect(problem((p) => (p.organisation = { name: 'Acme', scope: 'x'.repeat(2001) }))).toMatchObject({ field: 'organisation.scope' });
    expect(problem((p) => (p.organisation = { name: 'Acme', country: 'NL' }))).toMatchObject({ field: 'organisation.country' });
  });
});
