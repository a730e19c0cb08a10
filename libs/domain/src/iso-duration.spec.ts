import fc from 'fast-check';
import { addIsoDuration, isIsoDuration, isoDurationToApproxMs, parseIsoDuration } from './iso-duration';

describe('ISO-8601 durations', () => {
  it('parses every designator', () => {
    expect(parseIsoDuration('P1Y2M3W4DT5H6M7.5S')).toEqual({ years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7.5 });
    expect(isoDurationToApproxMs('PT1H30M')).toBe(5_400_000);
    expect(isoDurationToApproxMs('P2D')).toBe(172_800_000);
    expect(isoDurationToApproxMs('PT3S')).toBe(3000);
  });

  it.each(['', 'P', 'PT', '2D', 'P2', 'P1DT', 'P-1D', 'PT1.5', 'one day', 'P1H'])('refuses %j', (text) => {
    expect(isIsoDuration(text)).toBe(false);
    expect(() => parseIsoDuration(text)).toThrow();
  });

  it('adds months on the calendar, clamping to the end of a shorter month', () => {
    const jan31 = Date.UTC(2026, 0, 31, 9, 30);
    expect(new Date(addIsoDuration(jan31, 'P1M')).toISOString()).toBe('2026-02-28T09:30:00.000Z');
    expect(new Date(addIsoDuration(Date.UTC(2024, 1, 29), 'P1Y')).toISOString()).toBe('2025-02-28T00:00:00.000Z');
    expect(new Date(addIsoDuration(Date.UTC(2026, 10, 23), 'P3MT12H')).toISOString()).toBe('2027-02-23T12:00:00.000Z');
  });

  it('adds exact time for day and time parts, and never moves backwards', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.nat(400),
        fc.nat(48),
        fc.nat(59),
        (start, days, hours, minutes) => {
          const text = `P${days}DT${hours}H${minutes}M`;
          if (days + hours + minutes === 0) return;
          expect(addIsoDuration(start, text) - start).toBe(isoDurationToApproxMs(text));
          expect(addIsoDuration(start, text)).toBeGreaterThan(start);
        },
      ),
    );
  });
});
