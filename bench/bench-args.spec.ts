import { parseBenchArgs } from './bench-args';

describe('bench arguments', () => {
  it('has the issue’s default sizes and reads flags in both forms', () => {
    expect(parseBenchArgs([])).toMatchObject({ systems: 1000, reportSystems: 100_000, auditEvents: 1_000_000, skipReports: false });
    expect(parseBenchArgs(['--systems', '50', '--concurrency=4', '--skip-reports'])).toMatchObject({ systems: 50, concurrency: 4, skipReports: true });
  });

  it('refuses unknown flags and sizes that are not positive whole numbers', () => {
    expect(() => parseBenchArgs(['--sytems', '5'])).toThrow(/unknown option --sytems/);
    expect(() => parseBenchArgs(['--systems', '0'])).toThrow(/positive whole number/);
    expect(() => parseBenchArgs(['--systems', 'many'])).toThrow(/positive whole number/);
  });
});
