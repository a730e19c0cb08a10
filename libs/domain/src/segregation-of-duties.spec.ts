import { CONFLICT_REFUSALS, conflictOf, selectEligibleApprovers } from './segregation-of-duties';

const person = (id: string) => ({ id, email: `${id}@example.com` });

describe('segregation of duties', () => {
  it('excludes the submitter and the accountable owner, saying why', () => {
    const { eligible, excluded } = selectEligibleApprovers([person('sub'), person('own'), person('ok')], { submitterId: 'sub', ownerId: 'own' });
    expect(eligible.map((p) => p.id)).toEqual(['ok']);
    expect(excluded).toEqual([
      { id: 'sub', email: 'sub@example.com', reason: 'submitter' },
      { id: 'own', email: 'own@example.com', reason: 'accountable_owner' },
    ]);
  });

  it('matches the owner by email regardless of case', () => {
    const { eligible } = selectEligibleApprovers([{ id: 'x', email: 'Boss@Example.com' }], { ownerEmail: 'boss@example.com' });
    expect(eligible).toEqual([]);
  });

  it('counts a person found through several roles once, keeping the first order', () => {
    const { eligible } = selectEligibleApprovers([person('a'), person('b'), person('a')], {});
    expect(eligible.map((p) => p.id)).toEqual(['a', 'b']);
  });

  it("excludes a material change's proposer and assessor with their own reasons", () => {
    const others = [
      { id: 'pro', reason: 'change_proposer' as const },
      { id: 'ass', reason: 'change_assessor' as const },
    ];
    const { eligible, excluded } = selectEligibleApprovers([person('pro'), person('ass'), person('ok')], { others });
    expect(eligible.map((p) => p.id)).toEqual(['ok']);
    expect(excluded.map((e) => e.reason)).toEqual(['change_proposer', 'change_assessor']);
    expect(conflictOf('ass', { submitterId: null, ownerId: 'own', others })).toBe('change_assessor');
    expect(conflictOf('own', { submitterId: null, ownerId: 'own', others })).toBe('accountable_owner');
    expect(conflictOf('ok', { submitterId: null, ownerId: 'own', others })).toBeNull();
  });
});

describe('refusal texts', () => {
  it('say which conflict it is, one distinct sentence per reason, none naming a system unless the reason is about one', () => {
    const texts = Object.values(CONFLICT_REFUSALS);
    expect(new Set(texts).size).toBe(texts.length);
    // a document's submitter (an SoA, a risk acceptance) is refused without talk of "their own system"
    expect(CONFLICT_REFUSALS.submitter).not.toMatch(/system/);
    expect(CONFLICT_REFUSALS.accountable_owner).toMatch(/accountable owner/);
  });
});
