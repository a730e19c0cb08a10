import { parseGovernancePolicy } from './governance-policy.parser';
import { DEFAULT_SOA_APPROVAL, PolicyValidationError } from './governance-policy.types';

const approval = () => ({
  steps: [{ name: 'governance', approvers: { roles: ['governance_office'] }, quorum: 1 }],
  reminderAfter: 'P2D',
  escalateAfter: 'P4D',
  escalateTo: { roles: ['admin'] },
  expireAfter: 'P10D',
});
const tier = () => ({ approval: approval(), review: { cadence: 'P3M', dueWithin: 'P14D' } });
const policy = (soa?: unknown) => ({ version: 1, tiers: { minimal: tier(), limited: tier(), high: tier() }, ...(soa === undefined ? {} : { soa }) });

function fieldOf(soa: unknown): string {
  try {
    parseGovernancePolicy(policy(soa));
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyValidationError);
    return (error as PolicyValidationError).field;
  }
  throw new Error('expected the policy to be refused');
}

describe("the policy's soa section (publication of the Statement of Applicability)", () => {
  it('defaults to the governance office, 1 of N, when absent', () => {
    expect(parseGovernancePolicy(policy()).soa).toEqual(DEFAULT_SOA_APPROVAL);
    expect(DEFAULT_SOA_APPROVAL.steps).toEqual([expect.objectContaining({ approvers: expect.objectContaining({ roles: ['governance_office'] }), quorum: { kind: 'count', count: 1 } })]);
  });

  it("reads a tier approval's shape: steps with approvers and quorum, and the timers", () => {
    const soa = { ...approval(), steps: [{ name: 'ciso', approvers: { roles: ['security_officer'] }, quorum: '2 of 3' }, ...approval().steps] };
    const parsed = parseGovernancePolicy(policy(soa)).soa!;
    expect(parsed.steps.map((s) => [s.name, s.quorum])).toEqual([
      ['ciso', { kind: 'count', count: 2, of: 3 }],
      ['governance', { kind: 'count', count: 1 }],
    ]);
    expect(parsed).toMatchObject({ reminderAfter: 'P2D', escalateAfter: 'P4D', expireAfter: 'P10D', escalateTo: { roles: ['admin'] } });
  });

  it('names the bad field', () => {
    expect(fieldOf({ ...approval(), steps: [] })).toBe('soa.steps');
    expect(fieldOf({ ...approval(), steps: [{ name: 'g', approvers: { roles: ['governance_office'] }, quorum: '3 of 2' }] })).toBe('soa.steps[0].quorum');
    expect(fieldOf({ ...approval(), reminderAfter: 'soon' })).toBe('soa.reminderAfter');
    expect(fieldOf({ ...approval(), expireAfter: undefined })).toBe('soa.expireAfter');
    expect(fieldOf({ ...approval(), cadence: 'P1Y' })).toBe('soa.cadence');
    expect(fieldOf({ ...approval(), steps: [{ name: 'g', approvers: { relations: ['owner_manager'] }, quorum: 1 }] })).toBe('soa.steps[0].approvers.relations');
  });
});
