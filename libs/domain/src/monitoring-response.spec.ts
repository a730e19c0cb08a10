import { DEFAULT_MONITORING_THRESHOLDS, isAutomaticIntervention, rollbackTargetVersion } from './monitoring-response';

describe('monitoring response', () => {
  it('by default records everything but a critical event, which opens a review', () => {
    expect(DEFAULT_MONITORING_THRESHOLDS).toEqual({ low: 'record', medium: 'record', high: 'record', critical: 'review' });
    expect(isAutomaticIntervention('rollback')).toBe(true);
    expect(isAutomaticIntervention('suspend')).toBe(true);
    expect(isAutomaticIntervention('review')).toBe(false);
  });

  it('rolls back to the newest approved version other than the running one, or to none', () => {
    expect(rollbackTargetVersion(['1.0.0', '1.1.0', '2.0.0'], '2.0.0')).toBe('1.1.0');
    expect(rollbackTargetVersion(['1.0.0', '2.0.0'], '1.0.0')).toBe('2.0.0');
    expect(rollbackTargetVersion(['1.0.0'], '1.0.0')).toBeNull();
    expect(rollbackTargetVersion(['1.0.0', '2.0.0'], '2.0.0', '1.0.0')).toBe('1.0.0');
  });
});
