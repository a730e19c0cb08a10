import { REVIEW_CHECKLIST_ITEMS, reviewChecklistProblem, reviewFindings, ReviewChecklist } from './review-checklist';

const all = (result: string): Record<string, { result: string; note: string | null }> =>
  Object.fromEntries(REVIEW_CHECKLIST_ITEMS.map((item) => [item, { result, note: result === 'pass' ? null : 'seen' }]));

describe('review checklist', () => {
  it('accepts every item answered for every decision, and names the findings', () => {
    const checklist = { ...all('pass'), drift: { result: 'concern', note: 'PSI 0.25' } };
    for (const decision of ['continue', 'remediate', 'rollback', 'retire']) expect(reviewChecklistProblem(decision, checklist)).toBeNull();
    expect(reviewFindings(checklist as ReviewChecklist)).toEqual(['drift']);
  });

  it('names the first unanswered, unknown or badly answered item', () => {
    expect(reviewChecklistProblem('continue', null)?.field).toBe('checklist');
    expect(reviewChecklistProblem('continue', [])?.field).toBe('checklist');
    const { drift: _drift, ...missing } = all('pass');
    expect(reviewChecklistProblem('continue', missing)).toEqual({ field: 'checklist.drift', reason: 'is not answered' });
    expect(reviewChecklistProblem('continue', { ...all('pass'), vibes: { result: 'pass' } })?.field).toBe('checklist.vibes');
    expect(reviewChecklistProblem('continue', { ...all('pass'), incidents: { result: 'maybe' } })?.field).toBe('checklist.incidents.result');
    expect(reviewChecklistProblem('remediate', { ...all('pass'), performance: { result: 'concern', note: '  ' } })?.field).toBe('checklist.performance.note');
  });

  it('refuses to continue past a failed item, but lets the other outcomes record it', () => {
    const failed = { ...all('pass'), bias_fairness: { result: 'fail', note: 'gap of 9 points' } };
    expect(reviewChecklistProblem('continue', failed)?.field).toBe('checklist.bias_fairness');
    expect(reviewChecklistProblem('rollback', failed)).toBeNull();
    expect(reviewChecklistProblem('continue', all('not_applicable'))).toBeNull();
  });
});
