import fc from 'fast-check';
import { evaluateStep, isQuorumReachable, requiredApprovals } from './approval-quorum';

const approvals = (...ids: string[]) => ids.map((userId) => ({ userId, decision: 'approve' as const }));

describe('approval quorum', () => {
  it('needs N distinct eligible approvals for "N of M", everyone for "all"', () => {
    const group = ['a', 'b', 'c'];
    expect(evaluateStep({ kind: 'count', count: 2 }, group, approvals('a'))).toBe('pending');
    expect(evaluateStep({ kind: 'count', count: 2 }, group, approvals('a', 'a'))).toBe('pending');
    expect(evaluateStep({ kind: 'count', count: 2 }, group, approvals('a', 'b'))).toBe('approved');
    expect(evaluateStep({ kind: 'all' }, group, approvals('a', 'b'))).toBe('pending');
    expect(evaluateStep({ kind: 'all' }, group, approvals('c', 'b', 'a'))).toBe('approved');
  });

  it('ignores decisions from people outside the eligible group', () => {
    expect(evaluateStep({ kind: 'count', count: 1 }, ['a'], approvals('intruder'))).toBe('pending');
    expect(evaluateStep({ kind: 'count', count: 1 }, ['a'], [{ userId: 'intruder', decision: 'reject' }])).toBe('pending');
  });

  it('settles negatively on the first rejection or change request', () => {
    expect(evaluateStep({ kind: 'count', count: 2 }, ['a', 'b', 'c'], [...approvals('a'), { userId: 'b', decision: 'reject' }])).toBe('rejected');
    expect(evaluateStep({ kind: 'all' }, ['a', 'b'], [{ userId: 'b', decision: 'request_changes' }, ...approvals('a')])).toBe('changes_requested');
  });

  it('is unreachable, and never approves, when fewer people are eligible than needed', () => {
    expect(isQuorumReachable({ kind: 'count', count: 2 }, 1)).toBe(false);
    expect(isQuorumReachable({ kind: 'all' }, 0)).toBe(false);
    expect(evaluateStep({ kind: 'count', count: 2 }, ['a'], approvals('a'))).toBe('pending');
  });

  it('is never approved by fewer distinct approvers than required (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        fc.nat(6),
        fc.array(fc.nat(10), { maxLength: 12 }),
        (group, n, picks) => {
          const quorum = n === 0 ? ({ kind: 'all' } as const) : ({ kind: 'count', count: n } as const);
          const voters = picks.map((i) => group[i % group.length]);
          const outcome = evaluateStep(quorum, group, approvals(...voters));
          if (outcome === 'approved') expect(new Set(voters).size).toBeGreaterThanOrEqual(requiredApprovals(quorum, group.length));
          else expect(outcome).toBe('pending');
        },
      ),
    );
  });
});
