import { ApproverSelector, GovernancePolicy, TierPolicy } from '@aigov/domain/governance-policy.types';

const roles = (...r: ApproverSelector['roles']): ApproverSelector => ({ roles: r, users: [], relations: [] });

const slow = { reminderAfter: 'PT1H', escalateAfter: 'PT2H', escalateTo: roles('admin'), expireAfter: 'PT3H' };

function tier(steps: TierPolicy['approval']['steps'], timers = slow): TierPolicy {
  return { approval: { steps, ...timers }, review: { cadence: 'PT1H', dueWithin: 'P1D' } };
}

/**
 * Minimal has second-scale timers (reminder, escalation, expiry); the others wait for people.
 * Limited ends with an optional step nobody can staff.
 */
export const WORKFLOW_TEST_POLICY: GovernancePolicy = {
  version: 1,
  tiers: {
    minimal: tier([{ name: 'governance', approvers: roles('governance_office'), quorum: { kind: 'count', count: 1 } }], {
      reminderAfter: 'PT1S',
      escalateAfter: 'PT2S',
      escalateTo: roles('admin'),
      expireAfter: 'PT5S',
    }),
    limited: tier([
      { name: 'governance', approvers: roles('governance_office'), quorum: { kind: 'count', count: 1 } },
      // Nobody in the test directory is an auditor: an optional step that is skipped.
      { name: 'ethics', approvers: roles('auditor'), quorum: { kind: 'count', count: 1 }, required: false },
    ]),
    high: tier([
      { name: 'risk', approvers: roles('approver'), quorum: { kind: 'count', count: 2 } },
      { name: 'security', approvers: roles('governance_office'), quorum: { kind: 'all' } },
    ]),
  },
};
