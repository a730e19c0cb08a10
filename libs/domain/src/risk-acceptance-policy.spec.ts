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
const policy = (riskAcceptance?: unknown) => ({ version: 1, tiers: { minimal: tier(), limited: tier(), high: tier() }, ...(riskAcceptance === undefined ? {} : { riskAcceptance }) });

function fieldOf(section: unknown): string {
  try {
    parseGovernancePolicy(policy(section));
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyValidationError);
    return (error as PolicyValidationError).field;
  }
  throw new Error('expected the policy to be refused');
}

describe("the policy's riskAcceptance section (accepting a risk above the appetite)", () => {
  it('defaults to what the SoA defaults to, the governance office 1 of N, when absent', () => {
    expect(parseGovernancePolicy(policy()).riskAcceptance).toEqual(DEFAULT_SOA_APPROVAL);
  });

  it("reads a tier approval's shape: steps with approvers and quorum, and the timers", () => {
    const section = { ...approval(), steps: [{ name: 'risk', approvers: { roles: ['risk_officer'] }, quorum: '2 of 3' }, ...approval().steps] };
    const parsed = parseGovernancePolicy(policy(section)).riskAcceptance!;
    expect(parsed.steps.map((s) => [s.name, s.quorum])).toEqual([
      ['risk', { kind: 'count', count: 2, of: 3 }],
      ['governance', { kind: 'count', count: 1 }],
    ]);
    expect(parsed).toMatchObject({ reminderAfter: 'P2D', escalateAfter: 'P4D', expireAfter: 'P10D', escalateTo: { roles: ['admin'] } });
  });

  it('leaves the soa section alone, and the soa section leaves it alone', () => {
    const parsed = parseGovernancePolicy({ ...policy({ ...approval(), expireAfter: 'P30D' }), soa: approval() });
    expect(parsed.riskAcceptance!.expireAfter).toBe('P30D');
    expect(parsed.soa!.expireAfter).toBe('P10D');
  });

  it('names the bad field', () => {
    expect(fieldOf({ ...approval(), steps: [] })).toBe('riskAcceptance.steps');
    expect(fieldOf({ ...approval(), steps: [{ name: 'g', approvers: { roles: ['governance_office'] }, quorum: '3 of 2' }] })).toBe('riskAcceptance.steps[0].quorum');
    expect(fieldOf({ ...approval(), reminderAfter: 'soon' })).toBe('riskAcceptance.reminderAfter');
    expect(fieldOf({ ...approval(), expireAfter: undefined })).toBe('riskAcceptance.expireAfter');
    expect(fieldOf({ ...approval(), appetite: 'high' })).toBe('riskAcceptance.appetite');
    expect(fieldOf({ ...approval(), steps: [{ name: 'g', approvers: { relations: ['owner_manager'] }, quorum: 1 }] })).toBe('riskAcceptance.steps[0].approvers.relations');
    expect(fieldOf({ ...approval(), escalateTo: { relations: ['owner_manager'] } })).toBe('riskAcceptance.escalateTo.relations');
  });
});
