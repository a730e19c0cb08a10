import { isReassessedStage, reassessmentState, reassessmentTimers, reclassifiedVersionLabel } from './reassessment';

describe('re-assessment requests', () => {
  const due = new Date('2027-01-31T12:00:00Z');

  it('is overdue once open past its due date, and keeps a closed state as it is', () => {
    expect(reassessmentState('open', due, new Date('2027-01-31T11:59:59Z'))).toBe('open');
    expect(reassessmentState('open', due, new Date('2027-01-31T12:00:01Z'))).toBe('overdue');
    expect(reassessmentState('completed', due, new Date('2027-02-28T00:00:00Z'))).toBe('completed');
    expect(reassessmentState('superseded', due, new Date('2027-02-28T00:00:00Z'))).toBe('superseded');
  });

  it('asks systems with a tier in force, not those not yet assessed or out of service', () => {
    expect(['approval', 'deployment', 'operation', 'periodic_review', 'rollback'].every(isReassessedStage)).toBe(true);
    expect(['design', 'impact_assessment', 'rejected', 'retirement', 'retired'].some(isReassessedStage)).toBe(false);
  });

  it('labels a reclassified version after the running one and the questionnaire version', () => {
    expect(reclassifiedVersionLabel('2.3.0', '2026-12.1')).toBe('2.3.0+q2026-12.1');
    expect(reclassifiedVersionLabel('2.3.0+q2026-12.1', '2027-03.1')).toBe('2.3.0+q2027-03.1');
    expect(reclassifiedVersionLabel('x'.repeat(120), '1').length).toBe(100);
  });

  it('reminds before the due date when there is time for it, and escalates after it', () => {
    const s = 1000;
    expect(reassessmentTimers(0, 0, 45 * s, 20 * s, 55 * s)).toEqual({ remindInMs: 25 * s, dueInMs: 45 * s, escalateInMs: 55 * s });
    expect(reassessmentTimers(30 * s, 0, 45 * s, 20 * s, 55 * s)).toEqual({ remindInMs: -5 * s, dueInMs: 15 * s, escalateInMs: 25 * s });
    expect(reassessmentTimers(0, 0, 15 * s, 20 * s, 25 * s)).toEqual({ remindInMs: null, dueInMs: 15 * s, escalateInMs: 25 * s });
  });
});
