import { lastMonths, lastWeeks, PDCA_AGE_BUCKETS, toDays } from './dashboard-periods';

describe('dashboard periods', () => {
  it('twelve months end with the current one and start on the 1st, across a year boundary', () => {
    const { from, months } = lastMonths(new Date('2026-03-15T23:30:00Z'));
    expect(from.toISOString()).toBe('2025-04-01T00:00:00.000Z');
    expect(months).toHaveLength(12);
    expect(months[0]).toBe('2025-04');
    expect(months.at(-1)).toBe('2026-03');
    expect(new Set(months).size).toBe(12);
  });

  it('twelve weeks start on a Monday and end with the week of now', () => {
    // 2026-11-29 is a Sunday: its week started on Monday 2026-11-23
    const { from, weeks } = lastWeeks(new Date('2026-11-29T22:00:00Z'));
    expect(weeks.at(-1)).toBe('2026-11-23');
    expect(weeks[0]).toBe('2026-09-07');
    expect(from.toISOString()).toBe('2026-09-07T00:00:00.000Z');
    for (const w of weeks) expect(new Date(`${w}T00:00:00Z`).getUTCDay()).toBe(1);
    // on a Monday the current week starts that day
    expect(lastWeeks(new Date('2026-11-30T00:00:01Z')).weeks.at(-1)).toBe('2026-11-30');
  });

  it('age buckets cover every age without overlap', () => {
    expect(PDCA_AGE_BUCKETS[0].minDays).toBe(0);
    for (let i = 1; i < PDCA_AGE_BUCKETS.length; i++) expect(PDCA_AGE_BUCKETS[i].minDays).toBe(PDCA_AGE_BUCKETS[i - 1].maxDays);
    expect(PDCA_AGE_BUCKETS.at(-1)!.maxDays).toBeNull();
  });

  it('days have one decimal', () => {
    expect(toDays(86_400 * 2.26)).toBe(2.3);
    expect(toDays('43200')).toBe(0.5);
    expect(toDays(null)).toBeNull();
  });
});
