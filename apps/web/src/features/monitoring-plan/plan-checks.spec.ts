import { changeCheck, checkProblems, checksBody, EMPTY_CHECK, type CheckDraft } from './plan-checks';
import type { ReviewSheet } from './plan-form';

const sheet = {
  aiSystemId: 's',
  riskTier: 'high',
  checksRequired: true,
  planMissing: false,
  planVersion: 2,
  since: null,
  otherEvents: [],
  followUpOptions: [],
  metrics: [
    { key: 'recall', name: 'Recall', measures: 'm', threshold: { value: 0.85, direction: 'at_least', unit: 'ratio' }, thresholdText: 'at least 0.85 ratio', dataSource: 'job', cadence: 'P1W', onBreach: 'incident', events: [], latestObservedValue: null },
  ],
} as unknown as ReviewSheet;
const threshold = { value: 0.85, direction: 'at_least' };
const typed = (observed: string, more: Partial<CheckDraft> = {}) => ({ recall: { ...changeCheck(threshold, EMPTY_CHECK, { observed }), ...more } });

describe('review checks against the plan', () => {
  it('answers within or outside as the value is typed, until the reviewer picks', () => {
    expect(changeCheck(threshold, EMPTY_CHECK, { observed: '0.9' }).within).toBe('yes');
    expect(changeCheck(threshold, EMPTY_CHECK, { observed: '0.8' }).within).toBe('no');
    expect(changeCheck(threshold, EMPTY_CHECK, { observed: 'x' }).within).toBe('');
    const picked = changeCheck(threshold, EMPTY_CHECK, { within: 'no' });
    expect(changeCheck(threshold, picked, { observed: '0.9' }).within).toBe('no');
  });

  it('asks for every metric, and for a note and (to continue) a follow-up on a breach', () => {
    expect(checkProblems(sheet, {}, 'continue')).toEqual({ 'monitoringChecks.metrics.recall.observedValue': expect.any(String) });
    expect(checkProblems(sheet, typed('0.9'), 'continue')).toEqual({});
    expect(Object.keys(checkProblems(sheet, typed('0.8'), 'remediate'))).toEqual(['monitoringChecks.metrics.recall.note']);
    expect(Object.keys(checkProblems(sheet, typed('0.8', { note: 'dip' }), 'continue'))).toEqual(['monitoringChecks.metrics.recall.followUp']);
    expect(checkProblems(sheet, typed('0.8', { note: 'dip' }), 'remediate')).toEqual({});
    expect(checkProblems(sheet, typed('0.8', { within: 'yes', withinTouched: true }), 'continue')).toEqual({
      'monitoringChecks.metrics.recall.withinThreshold': '0.8 is outside the threshold (at least 0.85 ratio).',
    });
  });

  it('sends numbers, the answer, the note and the follow-up only for a breach', () => {
    expect(checksBody(sheet, typed('0.9', { note: ' fine ', followUp: 'incident:abc' }))).toEqual({ planVersion: 2, metrics: { recall: { observedValue: 0.9, withinThreshold: true, note: 'fine' } } });
    expect(checksBody(sheet, typed('0.8', { note: 'dip', followUp: 'pdca_item:abc' })).metrics.recall).toEqual({
      observedValue: 0.8,
      withinThreshold: false,
      note: 'dip',
      followUp: { kind: 'pdca_item', id: 'abc' },
    });
  });
});
