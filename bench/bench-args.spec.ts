import { parseBenchArgs } from './bench-args';

describe('bench arguments', () => {
  it('has the issue’s default sizes and reads flags in both forms', () => {
    expect(parseBenchArgs([])).toMatchObject({ systems: 1000, reportSystems: 100_000, auditEvents: 1_000_000, skipReports: false });
    expect(parseBenchArgs(['--systems', '50', '--concurrency=4', '--skip-reports'])).toMatchObject({ systems: 50, concurrency: 4, skipReports: true });
    expect(parseBenchArgs([])).toMatchObject({ baselineSystems: null });
    expect(parseBenchArgs(['--systems', '10000', '--baseline-systems=1000'])).toMatchObject({ systems: 10_000, baselineSystems: 1000 });
    expect(parseBenchArgs([])).toMatchObject({ reviewMinutes: 4 });
    expect(parseBenchArgs(['--systems', '10000', '--review-minutes', '12'])).toMatchObject({ reviewMinutes: 12 });
  });

  it('runs one scenario alone with --only', () => {
    expect(parseBenchArgs([])).toMatchObject({ only: null, healthRequests: 5 });
    expect(parseBenchArgs(['--only', 'control-health-at-scale', '--report-systems=1000', '--health-requests', '3'])).toMatchObject({
      only: 'control-health-at-scale',
      reportSystems: 1000,
      healthRequests: 3,
    });
    expect(() => parseBenchArgs(['--only', 'reports'])).toThrow(/--only needs one of control-health-at-scale, web-dashboard, reports-at-scale, audit-trail, authorize, got reports/);
    expect(parseBenchArgs(['--only', 'audit-trail', '--audit-appends', '1000', '--audit-events=20000'])).toMatchObject({ only: 'audit-trail', auditAppends: 1000, auditEvents: 20_000 });
    expect(parseBenchArgs(['--only=reports-at-scale', '--report-requests', '50'])).toMatchObject({ only: 'reports-at-scale', reportSystems: 100_000, reportRequests: 50 });
    expect(parseBenchArgs(['--only=web-dashboard'])).toMatchObject({ only: 'web-dashboard', dashboardSystems: 10_000, dashboardRuns: 10 });
    expect(parseBenchArgs(['--only', 'web-dashboard', '--dashboard-systems', '2000', '--dashboard-runs=3'])).toMatchObject({ dashboardSystems: 2000, dashboardRuns: 3 });
    expect(parseBenchArgs(['--only=authorize'])).toMatchObject({ only: 'authorize', authorizeRate: 1000, authorizeSeconds: 30, authorizeSystems: 20, authorizeClient: 'lean' });
    expect(parseBenchArgs(['--authorize-client', 'node-http'])).toMatchObject({ authorizeClient: 'node-http' });
    expect(parseBenchArgs(['--authorize-client=go'])).toMatchObject({ authorizeClient: 'go' });
    expect(() => parseBenchArgs(['--authorize-client=curl'])).toThrow('--authorize-client needs one of lean, node-http, go, got curl');
    expect(parseBenchArgs([])).toMatchObject({ authorizeSchedule: 'metronome' });
    expect(parseBenchArgs(['--authorize-schedule', 'timers'])).toMatchObject({ authorizeSchedule: 'timers' });
    expect(() => parseBenchArgs(['--authorize-schedule=cron'])).toThrow('--authorize-schedule needs one of metronome, timers, got cron');
    expect(parseBenchArgs(['--only', 'authorize', '--authorize-seconds', '5', '--authorize-rate=200', '--authorize-systems', '2'])).toMatchObject({ authorizeRate: 200, authorizeSeconds: 5, authorizeSystems: 2 });
  });

  it('refuses unknown flags and sizes that are not positive whole numbers', () => {
    expect(() => parseBenchArgs(['--sytems', '5'])).toThrow(/unknown option --sytems/);
    expect(() => parseBenchArgs(['--systems', '0'])).toThrow(/positive whole number/);
    expect(() => parseBenchArgs(['--systems', 'many'])).toThrow(/positive whole number/);
  });

  it('runs against the dev server unless --temporal cluster asks for Temporal\'s server on PostgreSQL', () => {
    expect(parseBenchArgs([])).toMatchObject({ temporal: 'dev', temporalFile: false });
    expect(parseBenchArgs(['--temporal', 'cluster', '--systems', '50'])).toMatchObject({ temporal: 'cluster', systems: 50 });
    expect(parseBenchArgs(['--temporal=dev', '--temporal-file'])).toMatchObject({ temporal: 'dev', temporalFile: true });
    expect(() => parseBenchArgs(['--temporal', 'cloud'])).toThrow("--temporal must be one of dev, cluster, got 'cloud'");
    expect(() => parseBenchArgs(['--temporal', 'cluster', '--temporal-file'])).toThrow(/--temporal-file is for the dev server/);
  });
});
