import { parseGovernancePolicy } from './governance-policy.parser';
import { PolicyValidationError } from './governance-policy.types';
import { DEFAULT_SERIOUS_INCIDENT_POLICY } from './serious-incident';

const tier = () => ({
  approval: {
    steps: [{ name: 'governance', approvers: { roles: ['governance_office'] }, quorum: 1 }],
    reminderAfter: 'P2D',
    escalateAfter: 'P4D',
    escalateTo: { roles: ['admin'] },
    expireAfter: 'P10D',
  },
  review: { cadence: 'P3M', dueWithin: 'P14D' },
});
const policy = (seriousIncidents?: unknown) => ({ version: 1, tiers: { minimal: tier(), limited: tier(), high: tier() }, ...(seriousIncidents === undefined ? {} : { seriousIncidents }) });

function refusal(seriousIncidents: unknown): { field: string; reason: string } {
  try {
    parseGovernancePolicy(policy(seriousIncidents));
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyValidationError);
    return { field: (error as PolicyValidationError).field, reason: (error as PolicyValidationError).reason };
  }
  throw new Error('expected the policy to be refused');
}

describe('the policy file’s seriousIncidents section', () => {
  it('defaults to the Act’s 15, 10 and 2 days when absent', () => {
    expect(parseGovernancePolicy(policy()).seriousIncidents).toEqual(DEFAULT_SERIOUS_INCIDENT_POLICY);
    expect(DEFAULT_SERIOUS_INCIDENT_POLICY.deadlines).toEqual({ general: 'P15D', death: 'P10D', widespread_or_critical_infrastructure: 'P2D' });
  });

  it('takes shortened times, reminders and an escalation role; a category left out keeps the Act’s limit', () => {
    const parsed = parseGovernancePolicy(
      policy({ deadlines: { death: 'PT30S', widespread_or_critical_infrastructure: 'PT12S' }, remindBefore: ['PT8S', 'PT4S'], escalateBefore: 'PT3S', escalateTo: { roles: ['risk_officer'] } }),
    ).seriousIncidents!;
    expect(parsed).toEqual({
      deadlines: { general: 'P15D', death: 'PT30S', widespread_or_critical_infrastructure: 'PT12S' },
      remindBefore: ['PT8S', 'PT4S'],
      escalateBefore: 'PT3S',
      escalateTo: { roles: ['risk_officer'], users: [], relations: [] },
    });
  });

  it('refuses more time than the Act allows, naming the category', () => {
    expect(refusal({ deadlines: { general: 'P16D' } })).toEqual({ field: 'seriousIncidents.deadlines.general', reason: expect.stringMatching(/at most P15D/) });
    expect(refusal({ deadlines: { widespread_or_critical_infrastructure: 'P1M' } }).field).toBe('seriousIncidents.deadlines.widespread_or_critical_infrastructure');
  });

  it('refuses a stricter category with more time than a milder one', () => {
    expect(refusal({ deadlines: { general: 'P5D' } })).toEqual({ field: 'seriousIncidents.deadlines.death', reason: expect.stringMatching(/not be longer than general/) });
    expect(refusal({ deadlines: { general: 'PT1M', death: 'PT30S', widespread_or_critical_infrastructure: 'PT40S' } }).field).toBe(
      'seriousIncidents.deadlines.widespread_or_critical_infrastructure',
    );
  });

  it('refuses unknown categories and settings, bad durations, repeated reminders and relations', () => {
    expect(refusal({ deadlines: { catastrophic: 'P1D' } }).field).toBe('seriousIncidents.deadlines.catastrophic');
    expect(refusal({ remindAfter: ['P1D'] }).field).toBe('seriousIncidents.remindAfter');
    expect(refusal({ remindBefore: ['P1D', 'soon'] }).field).toBe('seriousIncidents.remindBefore[1]');
    expect(refusal({ remindBefore: 'P1D' }).field).toBe('seriousIncidents.remindBefore');
    expect(refusal({ remindBefore: ['P1D', 'P1D'] }).field).toBe('seriousIncidents.remindBefore[1]');
    expect(refusal({ escalateBefore: 'PT0S' }).field).toBe('seriousIncidents.escalateBefore');
    expect(refusal({ escalateTo: { roles: ['chief'] } }).field).toBe('seriousIncidents.escalateTo.roles[0]');
    expect(refusal({ escalateTo: { relations: ['owner_manager'] } }).field).toBe('seriousIncidents.escalateTo.relations');
  });
});
