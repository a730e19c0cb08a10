import {
  ACT_REPORTING_LIMITS,
  awarenessRefusal,
  clockSteps,
  DEFAULT_SERIOUS_INCIDENT_POLICY,
  durationText,
  reclassificationDirection,
  reclassificationRefusal,
  seriousIncidentDeadline,
  submissionRefusal,
} from './serious-incident';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const aware = Date.UTC(2026, 2, 27, 9, 30); // the Friday before the clocks change in the EU: UTC arithmetic ignores it

describe('serious incident deadlines (EU AI Act Art. 73)', () => {
  it('runs from the moment of awareness: 15 days in general, 10 where a death may be involved, 2 for widespread or critical infrastructure', () => {
    const policy = DEFAULT_SERIOUS_INCIDENT_POLICY;
    expect(new Date(seriousIncidentDeadline(aware, 'general', policy)).toISOString()).toBe('2026-04-11T09:30:00.000Z');
    expect(new Date(seriousIncidentDeadline(aware, 'death', policy)).toISOString()).toBe('2026-04-06T09:30:00.000Z');
    expect(new Date(seriousIncidentDeadline(aware, 'widespread_or_critical_infrastructure', policy)).toISOString()).toBe('2026-03-29T09:30:00.000Z');
    expect(policy.deadlines).toEqual(ACT_REPORTING_LIMITS);
  });

  it('takes the times of a shortened policy (tests run in seconds)', () => {
    const policy = { deadlines: { general: 'PT40S', death: 'PT30S', widespread_or_critical_infrastructure: 'PT12S' } };
    expect(seriousIncidentDeadline(aware, 'widespread_or_critical_infrastructure', policy) - aware).toBe(12_000);
    expect(seriousIncidentDeadline(aware, 'general', policy) - aware).toBe(40_000);
  });

  it('an earlier awareness time moves the deadline earlier; a future one is refused', () => {
    const now = aware + 3 * DAY;
    expect(awarenessRefusal(aware, now)).toBeNull();
    expect(awarenessRefusal(now, now)).toBeNull();
    expect(awarenessRefusal(now + 1, now)).toEqual({ kind: 'bad_request', field: 'awareAt', message: expect.stringMatching(/future/) });
    expect(awarenessRefusal(Number.NaN, now)?.field).toBe('awareAt');
  });
});

describe('reclassification', () => {
  const base = { reason: 'a patient died', submitted: false, deadlineMissed: false, mayRelax: false } as const;

  it('orders categories by the Act: general < death < widespread or critical infrastructure', () => {
    expect(reclassificationDirection('general', 'death')).toBe('stricter');
    expect(reclassificationDirection('death', 'widespread_or_critical_infrastructure')).toBe('stricter');
    expect(reclassificationDirection('widespread_or_critical_infrastructure', 'general')).toBe('relaxed');
    expect(reclassificationDirection('death', 'death')).toBe('same');
  });

  it('a stricter category shortens the deadline, counted from the same awareness time', () => {
    const policy = DEFAULT_SERIOUS_INCIDENT_POLICY;
    const before = seriousIncidentDeadline(aware, 'general', policy);
    expect(reclassificationRefusal({ ...base, from: 'general', to: 'death' })).toBeNull();
    const after = seriousIncidentDeadline(aware, 'death', policy);
    expect(before - after).toBe(5 * DAY);
  });

  it('refuses an unknown category, a missing reason, the same category and any change after submission', () => {
    expect(reclassificationRefusal({ ...base, from: 'general', to: 'catastrophic' })).toMatchObject({ kind: 'bad_request', field: 'category' });
    expect(reclassificationRefusal({ ...base, from: 'general', to: 'death', reason: '  ' })).toMatchObject({ kind: 'bad_request', field: 'reason' });
    expect(reclassificationRefusal({ ...base, from: 'death', to: 'death' })).toMatchObject({ kind: 'conflict', field: 'category' });
    expect(reclassificationRefusal({ ...base, from: 'general', to: 'death', submitted: true })).toMatchObject({ kind: 'conflict', message: expect.stringMatching(/submitted/) });
  });

  it('relaxing lengthens the deadline: the governance office only, with a reason, and never after the deadline was missed', () => {
    expect(reclassificationRefusal({ ...base, from: 'death', to: 'general' })).toMatchObject({ kind: 'forbidden', field: 'category' });
    expect(reclassificationRefusal({ ...base, from: 'death', to: 'general', mayRelax: true })).toBeNull();
    expect(reclassificationRefusal({ ...base, from: 'death', to: 'general', mayRelax: true, deadlineMissed: true })).toMatchObject({
      kind: 'conflict',
      message: expect.stringMatching(/missed/),
    });
    // A stricter category after a missed deadline is recorded: the deadline stays missed.
    expect(reclassificationRefusal({ ...base, from: 'general', to: 'death', deadlineMissed: true })).toBeNull();
  });
});

describe('submission', () => {
  const now = aware + 5 * DAY;
  it('is recorded once, not before awareness, not in the future', () => {
    expect(submissionRefusal({ submitted: false, submittedAtMs: now, awareAtMs: aware, nowMs: now })).toBeNull();
    expect(submissionRefusal({ submitted: true, submittedAtMs: now, awareAtMs: aware, nowMs: now })).toMatchObject({ kind: 'conflict' });
    expect(submissionRefusal({ submitted: false, submittedAtMs: aware - 1, awareAtMs: aware, nowMs: now })).toMatchObject({ kind: 'bad_request', field: 'submittedAt' });
    expect(submissionRefusal({ submitted: false, submittedAtMs: now + 1, awareAtMs: aware, nowMs: now })).toMatchObject({ kind: 'bad_request', field: 'submittedAt' });
    // The workflow cannot read a clock: it checks all but the future.
    expect(submissionRefusal({ submitted: false, submittedAtMs: now + 1, awareAtMs: aware, nowMs: null })).toBeNull();
  });
});

describe('the clock', () => {
  const policy = { remindBefore: ['P5D', 'P2D', 'PT12H'], escalateBefore: 'P1D' };

  it('reminds at each offset, escalates a day ahead and marks the deadline missed, in time order', () => {
    expect(clockSteps(15 * DAY, policy)).toEqual([
      { atMs: 10 * DAY, kind: 'reminder', key: 'reminder:P5D' },
      { atMs: 13 * DAY, kind: 'reminder', key: 'reminder:P2D' },
      { atMs: 14 * DAY, kind: 'escalation', key: 'escalation' },
      { atMs: 14 * DAY + 12 * HOUR, kind: 'reminder', key: 'reminder:PT12H' },
      { atMs: 15 * DAY, kind: 'overdue', key: 'overdue' },
    ]);
  });

  it('skips reminders whose lead time is longer than the time left (a 2-day clock)', () => {
    expect(clockSteps(2 * DAY, policy).map((s) => `${s.kind}@${s.atMs / HOUR}h`)).toEqual(['escalation@24h', 'reminder@36h', 'overdue@48h']);
  });

  it('escalates at once when already close, and marks a deadline already past at once', () => {
    expect(clockSteps(6 * HOUR, policy).map((s) => [s.kind, s.atMs])).toEqual([
      ['escalation', 0],
      ['overdue', 6 * HOUR],
    ]);
    expect(clockSteps(-HOUR, policy)).toEqual([{ atMs: 0, kind: 'overdue', key: 'overdue' }]);
  });

  it('says how long is left in words people read in a mail', () => {
    expect(durationText(3 * DAY + 4 * HOUR + 5_000)).toBe('3 d 4 h');
    expect(durationText(5 * HOUR + 10 * 60_000)).toBe('5 h 10 min');
    expect(durationText(40_000)).toBe('40 s');
    expect(durationText(-2 * HOUR)).toBe('2 h 0 min');
  });
});
