import { MonitoringPlanMetric } from './monitoring-plan';
import { monitoringBreaches, monitoringChecksProblem, recordedMonitoringChecksProblem, recordMonitoringChecks, SubmittedMonitoringChecks } from './monitoring-plan-checks';

const metric = (key: string, value: number, direction: 'at_least' | 'at_most'): MonitoringPlanMetric => ({
  key,
  name: key.toUpperCase(),
  measures: `what ${key} measures`,
  threshold: { value, direction, unit: 'ratio' },
  dataSource: 'job',
  cadence: 'P1W',
  onBreach: 'corrective_action',
});
const plan = { version: 3, metrics: [metric('recall', 0.85, 'at_least'), metric('psi', 0.2, 'at_most')] };
const FOLLOW_UP = { kind: 'incident' as const, id: '0b9f3c1e-2d4a-4f6b-8c7d-9e0f1a2b3c4d' };

const checks = (metrics: Record<string, unknown> = {}, planVersion = 3): SubmittedMonitoringChecks =>
  ({
    planVersion,
    metrics: { recall: { observedValue: 0.9, withinThreshold: true }, psi: { observedValue: 0.1, withinThreshold: true }, ...metrics },
  }) as SubmittedMonitoringChecks;

describe('monitoring checks against the plan', () => {
  it('accepts every metric recorded within its threshold, for every outcome', () => {
    for (const decision of ['continue', 'remediate', 'rollback', 'retire']) expect(monitoringChecksProblem(decision, plan, checks())).toBeNull();
  });

  it('is incomplete without a result for each metric of the current version', () => {
    expect(monitoringChecksProblem('continue', plan, undefined)).toMatchObject({ field: 'monitoringChecks', reason: expect.stringContaining('recall, psi') });
    const { psi: _psi, ...onlyRecall } = checks().metrics;
    expect(monitoringChecksProblem('continue', plan, { planVersion: 3, metrics: onlyRecall })?.field).toBe('monitoringChecks.metrics.psi');
    expect(monitoringChecksProblem('continue', plan, checks({ auc: { observedValue: 1, withinThreshold: true } }))?.field).toBe('monitoringChecks.metrics.auc');
  });

  it('marks a review filled in against an older version as stale', () => {
    expect(monitoringChecksProblem('continue', plan, checks({}, 2))).toMatchObject({ field: 'monitoringChecks.planVersion', stale: true });
    expect(monitoringChecksProblem('continue', plan, { metrics: {} })?.stale).toBeUndefined();
  });

  it('needs a numeric observation and a withinThreshold that agrees with it', () => {
    expect(monitoringChecksProblem('continue', plan, checks({ recall: { observedValue: '0.9', withinThreshold: true } }))?.field).toBe('monitoringChecks.metrics.recall.observedValue');
    expect(monitoringChecksProblem('continue', plan, checks({ recall: { observedValue: 0.9 } }))?.field).toBe('monitoringChecks.metrics.recall.withinThreshold');
    const wrong = monitoringChecksProblem('remediate', plan, checks({ recall: { observedValue: 0.8, withinThreshold: true, note: 'dipped' } }));
    expect(wrong).toEqual({
      field: 'monitoringChecks.metrics.recall.withinThreshold',
      reason: 'observed 0.8 is outside the threshold (at least 0.85 ratio), so withinThreshold must be false',
    });
    expect(monitoringChecksProblem('continue', plan, checks({ psi: { observedValue: 0.2, withinThreshold: true } }))).toBeNull();
  });

  it('asks a breach for a note, and for an action: the outcome itself or, to continue, a follow-up already open', () => {
    const breach = { observedValue: 0.8, withinThreshold: false };
    expect(monitoringChecksProblem('remediate', plan, checks({ recall: breach }))?.field).toBe('monitoringChecks.metrics.recall.note');
    const noted = { ...breach, note: 'recall fell after the September data refresh' };
    expect(monitoringChecksProblem('continue', plan, checks({ recall: noted }))).toMatchObject({ field: 'monitoringChecks.metrics.recall.followUp', reason: expect.stringContaining('to continue') });
    for (const decision of ['remediate', 'rollback', 'retire']) expect(monitoringChecksProblem(decision, plan, checks({ recall: noted }))).toBeNull();
    expect(monitoringChecksProblem('continue', plan, checks({ recall: { ...noted, followUp: FOLLOW_UP } }))).toBeNull();
  });

  it('refuses a malformed follow-up and unknown fields', () => {
    const noted = { observedValue: 0.8, withinThreshold: false, note: 'low' };
    expect(monitoringChecksProblem('continue', plan, checks({ recall: { ...noted, followUp: { kind: 'email', id: FOLLOW_UP.id } } }))?.field).toBe('monitoringChecks.metrics.recall.followUp.kind');
    expect(monitoringChecksProblem('continue', plan, checks({ recall: { ...noted, followUp: { kind: 'incident', id: '42' } } }))?.field).toBe('monitoringChecks.metrics.recall.followUp.id');
    expect(monitoringChecksProblem('continue', plan, checks({ recall: { observedValue: 0.9, withinThreshold: true, verdict: 'ok' } }))?.field).toBe('monitoringChecks.metrics.recall.verdict');
  });

  it('records each metric with its threshold as it stood, in the plan’s order, and names the breaches', () => {
    const submitted = checks({ psi: { observedValue: 0.31, withinThreshold: false, note: '  drift after the refresh  ', followUp: FOLLOW_UP } });
    const recorded = recordMonitoringChecks(plan, submitted);
    expect(recorded).toEqual({
      planVersion: 3,
      results: [
        { key: 'recall', name: 'RECALL', threshold: { value: 0.85, direction: 'at_least', unit: 'ratio' }, observedValue: 0.9, withinThreshold: true, note: null, followUp: null },
        { key: 'psi', name: 'PSI', threshold: { value: 0.2, direction: 'at_most', unit: 'ratio' }, observedValue: 0.31, withinThreshold: false, note: 'drift after the refresh', followUp: FOLLOW_UP },
      ],
    });
    expect(monitoringBreaches(recorded)).toEqual(['psi']);
    // The workflow's validator re-checks the record without the plan: the same rules hold.
    expect(recordedMonitoringChecksProblem('continue', recorded)).toBeNull();
    const withoutFollowUp = { ...recorded, results: recorded.results.map((r) => ({ ...r, followUp: null })) };
    expect(recordedMonitoringChecksProblem('continue', withoutFollowUp)?.field).toBe('monitoringChecks.metrics.psi.followUp');
    expect(recordedMonitoringChecksProblem('retire', withoutFollowUp)).toBeNull();
    expect(recordedMonitoringChecksProblem('continue', { planVersion: 3, results: [] })?.field).toBe('monitoringChecks');
  });
});
