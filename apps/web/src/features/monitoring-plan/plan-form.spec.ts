import { cadenceText, draftOf, EMPTY_METRIC, isWithin, keyFromName, parseNumber, planBody, planDraftProblems, type PlanDraft } from './plan-form';

const draft = (change: Partial<PlanDraft['metrics'][number]> = {}): PlanDraft => ({
  responsibleId: 'u1',
  feedback: 'A breach opens an incident review.',
  changeNote: '',
  metrics: [{ ...EMPTY_METRIC, key: 'recall', name: 'Recall', measures: 'share flagged', thresholdValue: '0.85', unit: 'ratio', dataSource: 'job', ...change }],
});

describe('monitoring plan form', () => {
  it('starts a first plan with one metric and the person editing as responsible', () => {
    expect(draftOf(null, 'me')).toMatchObject({ responsibleId: 'me', metrics: [{ key: '', cadence: 'P1M' }] });
  });

  it('passes a complete draft and sends numbers as numbers', () => {
    expect(planDraftProblems(draft())).toEqual({});
    expect(planBody(draft({ thresholdValue: ' 0.85 ' }), 2)).toMatchObject({ expectedVersion: 2, metrics: [{ threshold: { value: 0.85, direction: 'at_least', unit: 'ratio' } }] });
  });

  it('names the field of each problem as the API does', () => {
    expect(Object.keys(planDraftProblems(draft({ thresholdValue: '0,85', cadence: 'monthly', key: 'Recall' })))).toEqual([
      'metrics.0.key',
      'metrics.0.threshold.value',
      'metrics.0.cadence',
    ]);
    const twice = draft();
    twice.metrics.push({ ...twice.metrics[0]! });
    expect(planDraftProblems(twice)).toEqual({ 'metrics.1.key': 'Another metric has this key.' });
    expect(planDraftProblems({ ...draft(), responsibleId: '', feedback: ' ', metrics: [] })).toMatchObject({ responsibleId: expect.any(String), feedback: expect.any(String), metrics: expect.any(String) });
  });

  it('reads numbers and durations as the API will', () => {
    expect(['0.85', '-3', '1e3', '.5', '', 'abc', '0,85'].map(parseNumber)).toEqual([0.85, -3, 1000, 0.5, null, null, null]);
    expect(['P1D', 'PT6H', 'P1W', 'P1M', 'P1Y2M', 'PT0.5S'].every((c) => !planDraftProblems(draft({ cadence: c }))['metrics.0.cadence'])).toBe(true);
    expect(['P', 'PT', '1D', 'P1H', 'weekly'].every((c) => planDraftProblems(draft({ cadence: c }))['metrics.0.cadence'])).toBe(true);
    expect([cadenceText('P1W'), cadenceText('P3M'), cadenceText('PT6H'), cadenceText('PT30M'), cadenceText('P1Y2M')]).toEqual(['every week', 'every 3 months', 'every 6 hours', 'every 30 minutes', 'P1Y2M']);
  });

  it('derives a key from a name and judges a threshold with the boundary inside', () => {
    expect(keyFromName('Recall on confirmed cases')).toBe('recall_on_confirmed_cases');
    expect(keyFromName('99th percentile latency (ms)')).toBe('th_percentile_latency_ms');
    expect([0.84, 0.85].map((v) => isWithin({ value: 0.85, direction: 'at_least' }, v))).toEqual([false, true]);
    expect([250, 251].map((v) => isWithin({ value: 250, direction: 'at_most' }, v))).toEqual([true, false]);
  });
});
