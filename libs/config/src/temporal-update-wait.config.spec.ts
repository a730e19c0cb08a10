import { loadAppConfig } from './app-config';

const base = { DATABASE_URL: 'postgres://localhost/test' };

describe('how long the API waits for a workflow Update (TEMPORAL_UPDATE_WAIT_SECONDS)', () => {
  it('waits a minute by default and reads the variable in seconds', () => {
    expect(loadAppConfig(base).temporal.updateWaitMs).toBe(60_000);
    expect(loadAppConfig({ ...base, TEMPORAL_UPDATE_WAIT_SECONDS: '15' }).temporal.updateWaitMs).toBe(15_000);
  });

  it('refuses a wait that is not a whole number of seconds from 1 to 3600, naming the variable', () => {
    expect(() => loadAppConfig({ ...base, TEMPORAL_UPDATE_WAIT_SECONDS: '0' })).toThrow(/TEMPORAL_UPDATE_WAIT_SECONDS: must be an integer from 1/);
    expect(() => loadAppConfig({ ...base, TEMPORAL_UPDATE_WAIT_SECONDS: '3601' })).toThrow(/TEMPORAL_UPDATE_WAIT_SECONDS/);
    expect(() => loadAppConfig({ ...base, TEMPORAL_UPDATE_WAIT_SECONDS: 'forever' })).toThrow(/TEMPORAL_UPDATE_WAIT_SECONDS/);
  });
});
