import { describeThreshold, isWithinThreshold, MonitoringPlanContent, monitoringPlanProblem, normaliseMonitoringPlan } from './monitoring-plan';

const plan = (overrides: Partial<MonitoringPlanContent> = {}): MonitoringPlanContent => ({
  responsibleId: '6f0c6c2e-9a43-4a4e-9b6e-3b1c1f2a9d10',
  feedback: 'A breach opens an incident review; a lasting one proposes a material change.',
  metrics: [
    {
      key: 'recall',
      name: 'Recall on confirmed cases',
      measures: 'Share of confirmed fraud cases the model flagged',
      threshold: { value: 0.85, direction: 'at_least', unit: 'ratio' },
      dataSource: 'weekly evaluation job',
      cadence: 'P1W',
      onBreach: 'corrective_action',
    },
    {
      key: 'latency.p99',
      name: 'p99 latency',
      measures: 'Slowest 1% of scoring calls',
      threshold: { value: 250, direction: 'at_most', unit: 'ms' },
      dataSource: 'Prometheus',
      cadence: 'PT1H',
      onBreach: 'incident',
    },
  ],
  ...overrides,
});

const withMetric = (change: Record<string, unknown>) => {
  const p = plan();
  return { ...p, metrics: [{ ...p.metrics[0], ...change }, p.metrics[1]] };
};

describe('monitoring plan', () => {
  it('accepts a plan with numeric thresholds, ISO 8601 cadences and distinct keys', () => {
    expect(monitoringPlanProblem(plan())).toBeNull();
  });

  it.each([
    [{ responsibleId: '' }, 'responsibleId'],
    [{ feedback: '  ' }, 'feedback'],
    [{ metrics: [] }, 'metrics'],
  ])('names the plan-level field that is missing: %j', (change, field) => {
    expect(monitoringPlanProblem({ ...plan(), ...change })?.field).toBe(field);
  });

  it.each([
    [{ threshold: { value: '0.85', direction: 'at_least', unit: 'ratio' } }, 'metrics.0.threshold.value', /number/],
    [{ threshold: { value: Number.NaN, direction: 'at_least', unit: 'ratio' } }, 'metrics.0.threshold.value', /number/],
    [{ threshold: { value: 0.85, direction: 'above', unit: 'ratio' } }, 'metrics.0.threshold.direction', /at_least, at_most/],
    [{ threshold: { value: 0.85, direction: 'at_least', unit: '' } }, 'metrics.0.threshold.unit', /unit/],
    [{ threshold: null }, 'metrics.0.threshold', /threshold/],
    [{ cadence: 'weekly' }, 'metrics.0.cadence', /ISO-8601/],
    [{ cadence: 'P0D' }, 'metrics.0.cadence', /at least PT1M/],
    [{ cadence: 'PT30S' }, 'metrics.0.cadence', /at least PT1M/],
    [{ cadence: 7 }, 'metrics.0.cadence', /ISO 8601/],
    [{ key: 'Recall' }, 'metrics.0.key', /lower-case/],
    [{ key: 'latency.p99' }, 'metrics.1.key', /another metric/],
    [{ name: ' ' }, 'metrics.0.name', /name the metric/],
    [{ measures: '' }, 'metrics.0.measures', /measures/],
    [{ dataSource: undefined }, 'metrics.0.dataSource', /comes from/],
    [{ onBreach: 'ignore' }, 'metrics.0.onBreach', /corrective_action, incident, material_change/],
  ])('refuses a metric with %j on its field', (change, field, reason) => {
    const problem = monitoringPlanProblem(withMetric(change));
    expect(problem?.field).toBe(field);
    expect(problem?.reason).toMatch(reason);
  });

  it('bounds the number of metrics and the length of the text', () => {
    const many = Array.from({ length: 31 }, (_, i) => ({ ...plan().metrics[0], key: `m${i}` }));
    expect(monitoringPlanProblem({ ...plan(), metrics: many })?.field).toBe('metrics');
    expect(monitoringPlanProblem(withMetric({ name: 'x'.repeat(201) }))?.field).toBe('metrics.0.name');
  });

  it('treats the threshold itself as within, and reads it as people write it', () => {
    const floor = { value: 0.85, direction: 'at_least' as const, unit: 'ratio' };
    const ceiling = { value: 250, direction: 'at_most' as const, unit: 'ms' };
    expect([0.84, 0.85, 0.9].map((v) => isWithinThreshold(floor, v))).toEqual([false, true, true]);
    expect([249, 250, 251].map((v) => isWithinThreshold(ceiling, v))).toEqual([true, true, false]);
    expect(describeThreshold(floor)).toBe('at least 0.85 ratio');
    expect(describeThreshold(ceiling)).toBe('at most 250 ms');
  });

  it('trims what it stores', () => {
    const stored = normaliseMonitoringPlan(withMetric({ name: '  Recall  ', cadence: ' P1W ' }) as MonitoringPlanContent);
    expect(stored.metrics[0]).toMatchObject({ name: 'Recall', cadence: 'P1W' });
  });
});
