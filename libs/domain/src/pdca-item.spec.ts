import { isPdcaActionAllowed, pdcaActionRefusal, pdcaNextPhase, verifierConflict } from './pdca-item';

describe('PDCA items', () => {
  it('moves plan -> do -> check -> closed, and back to plan when the check fails', () => {
    expect(pdcaNextPhase('plan')).toBe('do');
    expect(pdcaNextPhase('complete')).toBe('check');
    expect(pdcaNextPhase('verify', true)).toBe('closed');
    expect(pdcaNextPhase('verify', false)).toBe('plan');
  });

  it('allows each step only in its phase (a plan may be revised while it is being done)', () => {
    expect(isPdcaActionAllowed('plan', 'plan')).toBe(true);
    expect(isPdcaActionAllowed('do', 'plan')).toBe(true);
    expect(isPdcaActionAllowed('plan', 'complete')).toBe(false);
    expect(isPdcaActionAllowed('check', 'verify')).toBe(true);
    expect(pdcaActionRefusal('plan', 'verify')).toBe("'verify' is taken in phase 'check'; the item is in phase 'plan'");
    expect(pdcaActionRefusal('closed', 'plan')).toMatch(/closed/);
  });

  it('never lets the owner or the doer verify their own action', () => {
    expect(verifierConflict('a', 'a', 'b')).toMatch(/owner/);
    expect(verifierConflict('b', 'a', 'b')).toMatch(/carried the action out/);
    expect(verifierConflict('c', 'a', 'b')).toBeNull();
  });
});
