import { parseGovernancePolicy } from './governance-policy.parser';
import { DEFAULT_DOCUMENT_APPROVAL, GovernancePolicy, PolicyValidationError } from './governance-policy.types';

const approval = () => ({
  steps: [{ name: 'governance', approvers: { roles: ['governance_office'] }, quorum: 1 }],
  reminderAfter: 'P2D',
  escalateAfter: 'P4D',
  escalateTo: { roles: ['admin'] },
  expireAfter: 'P10D',
});
const tier = () => ({ approval: approval(), review: { cadence: 'P3M', dueWithin: 'P14D' } });
const base = () => ({ version: 1, tiers: { minimal: tier(), limited: tier(), high: tier() } });

/**
 * The approval sections of governed records (not AI systems): the Statement of Applicability's
 * publication (`soa`) and accepting a risk above the appetite (`riskAcceptance`). Both take a
 * tier approval's shape without owner_manager (a record has no accountable owner).
 */
describe.each([
  ['soa', 'publishing the Statement of Applicability'],
  ['riskAcceptance', 'accepting a risk above the appetite'],
] as const)("the policy's %s section (%s)", (section, _purpose) => {
  const policy = (value?: unknown) => ({ ...base(), ...(value === undefined ? {} : { [section]: value }) });
  const parsed = (value?: unknown): GovernancePolicy => parseGovernancePolicy(policy(value));
  const fieldOf = (value: unknown): string => {
    try {
      parsed(value);
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyValidationError);
      return (error as PolicyValidationError).field;
    }
    throw new Error('expected the policy to be refused');
  };

  it('defaults to the governance office, 1 of N, when absent', () => {
    expect(parsed()[section]).toEqual(DEFAULT_DOCUMENT_APPROVAL);
    expect(DEFAULT_DOCUMENT_APPROVAL.steps).toEqual([
      expect.objectContaining({ approvers: expect.objectContaining({ roles: ['governance_office'] }), quorum: { kind: 'count', count: 1 } }),
    ]);
  });

  it("reads a tier approval's shape: steps with approvers and quorum, and the timers", () => {
    const value = { ...approval(), steps: [{ name: 'risk', approvers: { roles: ['risk_officer'] }, quorum: '2 of 3' }, ...approval().steps] };
    const read = parsed(value)[section]!;
    expect(read.steps.map((s) => [s.name, s.quorum])).toEqual([
      ['risk', { kind: 'count', count: 2, of: 3 }],
      ['governance', { kind: 'count', count: 1 }],
    ]);
    expect(read).toMatchObject({ reminderAfter: 'P2D', escalateAfter: 'P4D', expireAfter: 'P10D', escalateTo: { roles: ['admin'] } });
  });

  it('names the bad field', () => {
    expect(fieldOf({ ...approval(), steps: [] })).toBe(`${section}.steps`);
    expect(fieldOf({ ...approval(), steps: [{ name: 'g', approvers: { roles: ['governance_office'] }, quorum: '3 of 2' }] })).toBe(`${section}.steps[0].quorum`);
    expect(fieldOf({ ...approval(), reminderAfter: 'soon' })).toBe(`${section}.reminderAfter`);
    expect(fieldOf({ ...approval(), expireAfter: undefined })).toBe(`${section}.expireAfter`);
    expect(fieldOf({ ...approval(), cadence: 'P1Y' })).toBe(`${section}.cadence`);
    expect(fieldOf({ ...approval(), steps: [{ name: 'g', approvers: { relations: ['owner_manager'] }, quorum: 1 }] })).toBe(`${section}.steps[0].approvers.relations`);
    expect(fieldOf({ ...approval(), escalateTo: { relations: ['owner_manager'] } })).toBe(`${section}.escalateTo.relations`);
  });
});

it('keeps the soa and riskAcceptance sections apart', () => {
  const read = parseGovernancePolicy({ ...base(), riskAcceptance: { ...approval(), expireAfter: 'P30D' }, soa: approval() });
  expect(read.riskAcceptance!.expireAfter).toBe('P30D');
  expect(read.soa!.expireAfter).toBe('P10D');
});
