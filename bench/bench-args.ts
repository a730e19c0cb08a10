import { parseTemporalBackend, TemporalBackend } from '@aigov/scripts/temporal-backend';

/** Scenarios `--only` can pick; without it every scenario runs. */
export const ONLY_SCENARIOS = ['control-health-at-scale', 'web-dashboard', 'reports-at-scale', 'audit-trail', 'authorize'] as const;
export type OnlyScenario = (typeof ONLY_SCENARIOS)[number];

/**
 * How the authorize scenario sends its load: the lean keep-alive client in the bench process,
 * Node's http client (as before 2026-12-01's evening runs), or the Go generator in a process of
 * its own (bench/load-generator; it keeps its own schedule), to compare.
 */
export const LOAD_CLIENTS = ['lean', 'node-http', 'go'] as const;
export type LoadClient = (typeof LOAD_CLIENTS)[number];
/** What keeps the open-loop schedule: a thread with sub-millisecond sleeps, or Node's timers (before 2026-12-03). */
export const LOAD_SCHEDULES = ['metronome', 'timers'] as const;
export type LoadSchedule = (typeof LOAD_SCHEDULES)[number];

export interface BenchArgs {
  systems: number;
  /**
   * bare-Temporal lifecycles in the throughput baseline; null: as many as --systems. A rate is
   * per second, so a 10,000-system run may measure its baseline on fewer (it would otherwise
   * add half an hour per backend) and say so.
   */
  baselineSystems: number | null;
  concurrency: number;
  latencySamples: number;
  reportSystems: number;
  auditEvents: number;
  reportRequests: number;
  auditAppends: number;
  /** samples of the organisation-wide control-health report (each next to its baseline and an evidence lookup) */
  healthRequests: number;
  /** web-dashboard: systems seeded for the dashboard, and navigations timed in Chromium */
  dashboardSystems: number;
  dashboardRuns: number;
  /** authorize: requests per second (open loop), seconds per measured phase, systems in operation */
  authorizeRate: number;
  authorizeSeconds: number;
  authorizeSystems: number;
  authorizeClient: LoadClient;
  authorizeSchedule: LoadSchedule;
  /**
   * minutes from a deployment to its first review (the bench policy's review cadence). At 10,000
   * systems the deployments take longer than the default 4, and reviews falling due on the same
   * worker while the rest deploy queue the deployments behind them for minutes.
   */
  reviewMinutes: number;
  skipReports: boolean;
  /** run this scenario alone (on the same servers), sized by --report-systems and --audit-events */
  only: OnlyScenario | null;
  /** keep the dev server's state in a SQLite file (as `npm start` does) instead of in memory */
  temporalFile: boolean;
  /** `--temporal cluster`: every scenario against Temporal's server on PostgreSQL instead of the dev server */
  temporal: TemporalBackend;
}

const DEFAULTS: BenchArgs = {
  systems: 1000,
  baselineSystems: null,
  concurrency: 16,
  latencySamples: 100,
  reportSystems: 100_000,
  auditEvents: 1_000_000,
  reportRequests: 200,
  auditAppends: 5_000,
  healthRequests: 5,
  dashboardSystems: 10_000,
  dashboardRuns: 10,
  authorizeRate: 1000,
  authorizeSeconds: 30,
  authorizeSystems: 20,
  authorizeClient: 'lean',
  authorizeSchedule: 'metronome',
  reviewMinutes: 4,
  skipReports: false,
  only: null,
  temporalFile: false,
  temporal: 'dev',
};

const FLAGS: Record<string, keyof BenchArgs> = {
  '--systems': 'systems',
  '--baseline-systems': 'baselineSystems',
  '--concurrency': 'concurrency',
  '--latency-samples': 'latencySamples',
  '--report-systems': 'reportSystems',
  '--audit-events': 'auditEvents',
  '--report-requests': 'reportRequests',
  '--audit-appends': 'auditAppends',
  '--health-requests': 'healthRequests',
  '--dashboard-systems': 'dashboardSystems',
  '--dashboard-runs': 'dashboardRuns',
  '--authorize-rate': 'authorizeRate',
  '--authorize-seconds': 'authorizeSeconds',
  '--authorize-systems': 'authorizeSystems',
  '--review-minutes': 'reviewMinutes',
};

/** The value of a flag that takes one of `values`; anything else is refused with the list. */
function oneOf<T extends string>(flag: string, values: readonly T[], value: string | undefined): T {
  if (!(values as readonly string[]).includes(value as string)) throw new Error(`${flag} needs one of ${values.join(', ')}, got ${value}`);
  return value as T;
}

/** `--systems 200 --concurrency 8 --skip-reports`, `--only control-health-at-scale`, `--only web-dashboard --dashboard-runs 20`; unknown flags and scenarios and non-positive sizes are errors. */
export function parseBenchArgs(argv: string[]): BenchArgs {
  const args = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    if (flag === '--skip-reports' || flag === '--temporal-file') {
      args[flag === '--skip-reports' ? 'skipReports' : 'temporalFile'] = true;
      continue;
    }
    if (flag === '--only') {
      args.only = oneOf(flag, ONLY_SCENARIOS, inline ?? argv[++i]);
      continue;
    }
    if (flag === '--authorize-client') {
      args.authorizeClient = oneOf(flag, LOAD_CLIENTS, inline ?? argv[++i]);
      continue;
    }
    if (flag === '--authorize-schedule') {
      args.authorizeSchedule = oneOf(flag, LOAD_SCHEDULES, inline ?? argv[++i]);
      continue;
    }
    if (flag === '--temporal') {
      args.temporal = parseTemporalBackend(inline ?? argv[++i] ?? '(nothing)', '--temporal');
      continue;
    }
    const key = FLAGS[flag];
    if (!key) throw new Error(`unknown option ${flag} (options: ${[...Object.keys(FLAGS), '--only', '--authorize-client', '--authorize-schedule', '--skip-reports', '--temporal', '--temporal-file'].join(', ')})`);
    const raw = inline ?? argv[++i];
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} needs a positive whole number, got ${raw}`);
    (args as unknown as Record<string, number>)[key] = value;
  }
  if (args.temporalFile && args.temporal === 'cluster') throw new Error('--temporal-file is for the dev server; the cluster keeps its state in PostgreSQL');
  return args;
}
