import { loadAppConfig } from './app-config';

const base = { DATABASE_URL: 'postgres://localhost/test' };
const DAY = 86_400_000;

describe('how long sent mail stays in the outbox (EMAIL_RETENTION)', () => {
  it('keeps mail 90 days by default and reads an ISO-8601 duration', () => {
    expect(loadAppConfig(base).emailRetentionMs).toBe(90 * DAY);
    expect(loadAppConfig({ ...base, EMAIL_RETENTION: 'P30D' }).emailRetentionMs).toBe(30 * DAY);
    expect(loadAppConfig({ ...base, EMAIL_RETENTION: ' P1D ' }).emailRetentionMs).toBe(DAY);
  });

  it('refuses less than a day, more than ten years, or a value that is not a duration, naming the variable', () => {
    expect(() => loadAppConfig({ ...base, EMAIL_RETENTION: 'PT23H' })).toThrow(/EMAIL_RETENTION: must be from 86400000 ms/);
    expect(() => loadAppConfig({ ...base, EMAIL_RETENTION: 'P11Y' })).toThrow(/EMAIL_RETENTION/);
    expect(() => loadAppConfig({ ...base, EMAIL_RETENTION: 'ninety days' })).toThrow(/EMAIL_RETENTION/);
  });
});
