import { loadAppConfig } from './app-config';

const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db' };

describe('API token lifetimes in the configuration', () => {
  it('defaults to 90 days, at most 365, and a 24-hour overlap after rotation', () => {
    expect(loadAppConfig(base).apiTokens).toEqual({ defaultDays: 90, maxDays: 365, rotationOverlapMs: 24 * 3600_000 });
  });

  it('takes the variables, and an overlap of 0 ends the old token at rotation', () => {
    const env = { ...base, API_TOKEN_DEFAULT_DAYS: '30', API_TOKEN_MAX_DAYS: '60', API_TOKEN_ROTATION_OVERLAP_HOURS: '0' };
    expect(loadAppConfig(env).apiTokens).toEqual({ defaultDays: 30, maxDays: 60, rotationOverlapMs: 0 });
    // a maximum below 90 with no default given lowers the default with it
    expect(loadAppConfig({ ...base, API_TOKEN_MAX_DAYS: '30' }).apiTokens.defaultDays).toBe(30);
  });

  it('stops the start on a default above the maximum or a bad number, naming the variable', () => {
    expect(() => loadAppConfig({ ...base, API_TOKEN_DEFAULT_DAYS: '400' })).toThrow(/API_TOKEN_DEFAULT_DAYS: must not be longer than API_TOKEN_MAX_DAYS \(365\)/);
    expect(() => loadAppConfig({ ...base, API_TOKEN_MAX_DAYS: 'forever' })).toThrow(/API_TOKEN_MAX_DAYS: must be an integer/);
    expect(() => loadAppConfig({ ...base, API_TOKEN_ROTATION_OVERLAP_HOURS: '-1' })).toThrow(/API_TOKEN_ROTATION_OVERLAP_HOURS/);
  });
});
