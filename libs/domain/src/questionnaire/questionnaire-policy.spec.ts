import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseGovernancePolicy } from '../governance-policy.parser';
import { DEFAULT_DOCUMENT_APPROVAL, PolicyValidationError } from '../governance-policy.types';
import { DEFAULT_QUESTIONNAIRE_POLICY } from './questionnaire-policy';

const tier = () => ({
  approval: { steps: [{ name: 'g', approvers: { roles: ['governance_office'] }, quorum: 1 }], reminderAfter: 'P2D', escalateAfter: 'P4D', escalateTo: { roles: ['admin'] }, expireAfter: 'P10D' },
  review: { cadence: 'P3M', dueWithin: 'P14D' },
});
const valid = (questionnaire?: unknown) => ({ version: 1, tiers: { minimal: tier(), limited: tier(), high: tier() }, ...(questionnaire === undefined ? {} : { questionnaire }) });

function problem(questionnaire: unknown): { field: string; reason: string } {
  try {
    parseGovernancePolicy(valid(questionnaire));
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyValidationError);
    return { field: (error as PolicyValidationError).field, reason: (error as PolicyValidationError).reason };
  }
  throw new Error('expected the policy to be refused');
}

describe("the policy's questionnaire section", () => {
  it('defaults to the governance office approving and 30 days to re-assess, reminded a week before', () => {
    expect(parseGovernancePolicy(valid()).questionnaire).toEqual(DEFAULT_QUESTIONNAIRE_POLICY);
    expect(DEFAULT_QUESTIONNAIRE_POLICY.approval).toBe(DEFAULT_DOCUMENT_APPROVAL);
    expect(DEFAULT_QUESTIONNAIRE_POLICY.reassessment).toMatchObject({ dueWithin: 'P30D', remindBefore: 'P7D', escalateAfterDue: 'P7D' });
  });

  it('takes shortened durations (tests run them in seconds) and fills in what is left out', () => {
    const parsed = parseGovernancePolicy(valid({ reassessment: { dueWithin: 'PT40S', remindBefore: 'PT20S' } })).questionnaire!;
    expect(parsed.reassessment).toEqual({ ...DEFAULT_QUESTIONNAIRE_POLICY.reassessment, dueWithin: 'PT40S', remindBefore: 'PT20S' });
    expect(parsed.approval).toEqual(DEFAULT_DOCUMENT_APPROVAL);
  });

  it.each([
    [{ reassessment: { dueWithin: 'P7D', remindBefore: 'P7D' } }, 'questionnaire.reassessment.remindBefore', 'must be shorter than dueWithin'],
    [{ reassessment: { dueWithin: 'soon' } }, 'questionnaire.reassessment.dueWithin', 'ISO-8601 duration'],
    [{ reassessment: { escalateTo: { relations: ['owner_manager'] } } }, 'questionnaire.reassessment.escalateTo.relations', 'not supported'],
    [{ reassessment: { reminder: 'P1D' } }, 'questionnaire.reassessment.reminder', 'is not a known setting'],
    [{ approval: { steps: [{ name: 'm', approvers: { relations: ['owner_manager'] }, quorum: 1 }], reminderAfter: 'P1D', escalateAfter: 'P2D', escalateTo: { roles: ['admin'] }, expireAfter: 'P3D' } }, 'questionnaire.approval.steps[0].approvers.relations', 'no accountable owner'],
  ])('refuses %j, naming %s', (section, field, reason) => {
    const p = problem(section);
    expect(p.field).toBe(field);
    expect(p.reason).toContain(reason);
  });

  it('is documented in the shipped policy with its defaults', () => {
    const shipped = parse(readFileSync(join(__dirname, '../../../../config/governance-policy.yaml'), 'utf8'));
    expect(parseGovernancePolicy(shipped).questionnaire).toEqual(DEFAULT_QUESTIONNAIRE_POLICY);
  });
});
