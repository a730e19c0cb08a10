import { selectEligibleApprovers } from './segregation-of-duties';

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
});
