import { apiTokenStatus, expiryAfterRotation, lastUseIsStale, tokenExpiry } from './api-token-lifetime';

const NOW = new Date('2026-11-30T12:00:00.000Z');
const LIFETIMES = { defaultDays: 90, maxDays: 365 };
const days = (n: number) => new Date(NOW.getTime() + n * 24 * 3600_000);

describe('tokenExpiry', () => {
  it('gives the default life when none is asked for', () => {
    expect(tokenExpiry(NOW, {}, LIFETIMES)).toEqual({ ok: true, expiresAt: days(90) });
  });

  it('takes a number of days or a date within the maximum', () => {
    expect(tokenExpiry(NOW, { expiresInDays: 7 }, LIFETIMES)).toEqual({ ok: true, expiresAt: days(7) });
    expect(tokenExpiry(NOW, { expiresInDays: 365 }, LIFETIMES)).toEqual({ ok: true, expiresAt: days(365) });
    expect(tokenExpiry(NOW, { expiresAt: '2027-01-01T00:00:00Z' }, LIFETIMES)).toEqual({ ok: true, expiresAt: new Date('2027-01-01T00:00:00Z') });
  });

  it('refuses a life beyond the maximum, a past date, and both ways at once, naming the field', () => {
    expect(tokenExpiry(NOW, { expiresInDays: 366 }, LIFETIMES)).toEqual({ ok: false, message: 'a token may live at most 365 days', field: 'expiresInDays' });
    expect(tokenExpiry(NOW, { expiresAt: days(366).toISOString() }, LIFETIMES)).toMatchObject({ ok: false, field: 'expiresAt' });
    expect(tokenExpiry(NOW, { expiresAt: NOW.toISOString() }, LIFETIMES)).toEqual({ ok: false, message: 'expiresAt must be in the future', field: 'expiresAt' });
    expect(tokenExpiry(NOW, { expiresAt: days(1).toISOString(), expiresInDays: 1 }, LIFETIMES)).toMatchObject({ ok: false, field: 'expiresAt' });
    expect(tokenExpiry(NOW, { expiresAt: 'soon' }, LIFETIMES)).toMatchObject({ ok: false, field: 'expiresAt' });
  });
});

describe('expiryAfterRotation', () => {
  it('shortens the old token to the overlap, never lengthens it', () => {
    expect(expiryAfterRotation(days(30), NOW, 24 * 3600_000)).toEqual(days(1));
    expect(expiryAfterRotation(new Date(NOW.getTime() + 3600_000), NOW, 24 * 3600_000)).toEqual(new Date(NOW.getTime() + 3600_000));
    expect(expiryAfterRotation(days(30), NOW, 0)).toEqual(NOW);
  });
});

describe('apiTokenStatus', () => {
  it('is active until the expiry, expired from it, and revoked whenever revoked', () => {
    expect(apiTokenStatus({ revokedAt: null, expiresAt: new Date(NOW.getTime() + 1) }, NOW)).toBe('active');
    expect(apiTokenStatus({ revokedAt: null, expiresAt: NOW }, NOW)).toBe('expired');
    expect(apiTokenStatus({ revokedAt: NOW, expiresAt: days(1) }, NOW)).toBe('revoked');
    expect(apiTokenStatus({ revokedAt: NOW, expiresAt: days(-1) }, NOW)).toBe('revoked');
  });
});

describe('lastUseIsStale', () => {
  it('records the first use, then at most once a minute', () => {
    expect(lastUseIsStale(null, NOW)).toBe(true);
    expect(lastUseIsStale(new Date(NOW.getTime() - 59_999), NOW)).toBe(false);
    expect(lastUseIsStale(new Date(NOW.getTime() - 60_000), NOW)).toBe(true);
  });
});
