import { DirectoryPerson, matchesSelector, routeApprovers } from './approver-routing';
import type { ApproverSelector } from './governance-policy.types';

const person = (id: string, extra: Partial<DirectoryPerson> = {}): DirectoryPerson => ({
  id,
  email: `${id}@example.com`,
  name: id.toUpperCase(),
  roles: ['approver'],
  active: true,
  outOfOfficeDelegateId: null,
  openTasks: 0,
  ...extra,
});
const approvers: ApproverSelector = { roles: ['approver'], users: [], relations: [] };
const noConflicts = { submitterId: null, ownerId: 'owner' };

function route(people: DirectoryPerson[], opts: Partial<Parameters<typeof routeApprovers>[0]> = {}) {
  const directory = new Map(people.map((p) => [p.id, p]));
  const candidates = people.filter((p) => matchesSelector(p, opts.selector ?? approvers, null));
  return routeApprovers({ candidates, directory, selector: approvers, ownerManagerId: null, conflicts: noConflicts, ...opts });
}

describe('approver routing', () => {
  it('matches people by role, by email and as the owner manager', () => {
    const selector: ApproverSelector = { roles: ['governance_office'], users: ['ciso@example.com'], relations: ['owner_manager'] };
    expect(matchesSelector({ id: 'a', email: 'x@example.com', roles: ['governance_office'] }, selector, null)).toBe(true);
    expect(matchesSelector({ id: 'b', email: 'CISO@example.com', roles: [] }, selector, null)).toBe(true);
    expect(matchesSelector({ id: 'm', email: 'm@example.com', roles: [] }, selector, 'm')).toBe(true);
    expect(matchesSelector({ id: 'm', email: 'm@example.com', roles: ['approver'] }, selector, 'other')).toBe(false);
  });

  it('asks the least-loaded people when the quorum names how many to ask, keeping the rest as a pool', () => {
    const result = route([person('a', { openTasks: 3 }), person('b', { openTasks: 1 }), person('c'), person('d', { openTasks: 1 })], { ask: 3 });
    expect(result.approvers.map((a) => a.id)).toEqual(['c', 'b', 'd']);
    expect(result.pool.map((a) => a.id)).toEqual(['a']);
  });

  it('never asks the submitter or the accountable owner, nor inactive people', () => {
    const result = route([person('sub'), person('owner'), person('gone', { active: false }), person('ok')], {
      conflicts: { submitterId: 'sub', ownerId: 'owner' },
    });
    expect(result.approvers.map((a) => a.id)).toEqual(['ok']);
    expect(result.excluded.map((e) => [e.id, e.reason])).toEqual([
      ['sub', 'submitter'],
      ['owner', 'accountable_owner'],
    ]);
  });

  it('routes an out-of-office approver to their delegate, following a chain, and says on whose behalf', () => {
    const ciso = person('ciso', { roles: ['governance_office'], outOfOfficeDelegateId: 'deputy' });
    const deputy = person('deputy', { roles: ['governance_office'], outOfOfficeDelegateId: 'second' });
    const second = person('second', { roles: ['governance_office', 'auditor'] });
    const named: ApproverSelector = { roles: [], users: ['ciso@example.com'], relations: [] };
    const result = routeApprovers({
      candidates: [ciso],
      directory: new Map([ciso, deputy, second].map((p) => [p.id, p])),
      selector: named,
      ownerManagerId: null,
      conflicts: noConflicts,
    });
    expect(result.approvers).toEqual([{ id: 'second', email: 'second@example.com', name: 'SECOND', onBehalfOf: { id: 'ciso', email: 'ciso@example.com' } }]);
  });

  it('counts a delegate once when they are also asked in their own right', () => {
    const result = route([person('away', { outOfOfficeDelegateId: 'cover' }), person('cover'), person('x')]);
    expect(result.approvers.map((a) => [a.id, a.onBehalfOf])).toEqual([
      ['cover', null],
      ['x', null],
    ]);
    expect(result.excluded).toEqual([{ id: 'away', email: 'away@example.com', reason: 'out_of_office_delegate_already_asked' }]);
  });

  it('lets a pool member stand in for an away approver picked for an "of M" quorum', () => {
    const result = route([person('a', { outOfOfficeDelegateId: 'd' }), person('b'), person('c', { openTasks: 1 }), person('d', { openTasks: 5 })], { ask: 2 });
    // a is away: d decides for a; d is also a candidate in their own right, so only once.
    expect(result.approvers.map((p) => p.id)).toEqual(['b', 'c']);
    expect(result.pool.map((p) => p.id)).toEqual(['d']);
  });

  it('drops an out-of-office approver whose delegate is unusable, saying why', () => {
    const cases: Array<[string, DirectoryPerson[], Partial<Parameters<typeof routeApprovers>[0]>]> = [
      ['no approving role', [person('away', { outOfOfficeDelegateId: 'd' }), person('d', { roles: ['product_owner'] })], {}],
      ['inactive', [person('away', { outOfOfficeDelegateId: 'd' }), person('d', { active: false })], {}],
      ['the submitter', [person('away', { outOfOfficeDelegateId: 'd' }), person('d')], { conflicts: { submitterId: 'd', ownerId: 'o' } }],
      ['a cycle', [person('away', { outOfOfficeDelegateId: 'd' }), person('d', { outOfOfficeDelegateId: 'away' })], {}],
      ['unknown', [person('away', { outOfOfficeDelegateId: 'ghost' })], {}],
    ];
    for (const [what, people, opts] of cases) {
      const result = route(people, opts);
      expect({ what, asked: result.approvers.map((a) => a.id) }).toEqual({ what, asked: [] });
      expect(result.excluded.some((e) => e.id === 'away' && e.reason === 'out_of_office_without_usable_delegate')).toBe(true);
    }
  });

  it('gives up on chains longer than the hop limit', () => {
    const chain = Array.from({ length: 8 }, (_, i) => person(`p${i}`, { outOfOfficeDelegateId: i < 7 ? `p${i + 1}` : null, roles: i === 0 ? ['approver'] : ['approver'] }));
    const result = route([chain[0]], { directory: new Map(chain.map((p) => [p.id, p])) });
    expect(result.approvers).toEqual([]);
  });

  it('skips people already asked in the step, directly or through their delegate', () => {
    const result = route([person('a'), person('b'), person('away', { outOfOfficeDelegateId: 'a' })], { alreadyAsked: new Set(['a']) });
    expect(result.approvers.map((a) => a.id)).toEqual(['b']);
    expect(result.excluded.map((e) => [e.id, e.reason])).toEqual([
      ['a', 'already_asked'],
      ['away', 'out_of_office_delegate_already_asked'],
    ]);
  });
});
