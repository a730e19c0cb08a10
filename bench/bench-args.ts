export interface BenchArgs {
  systems: number;
  concurrency: number;
  latencySamples: number;
  reportSystems: number;
  auditEvents: number;
  reportRequests: number;
  auditAppends: number;
  skipReports: boolean;
  /** keep the dev server's state in a SQLite file (as `npm start` does) instead of in memory */
  temporalFile: boolean;
}

const DEFAULTS: BenchArgs = {
  systems: 1000,
  concurrency: 16,
  latencySamples: 100,
  reportSystems: 100_000,
  auditEvents: 1_000_000,
  reportRequests: 200,
  auditAppends: 5_000,
  skipReports: false,
  temporalFile: false,
};

const FLAGS: Record<string, keyof BenchArgs> = {
  '--systems': 'systems',
  '--concurrency': 'concurrency',
  '--latency-samples': 'latencySamples',
  '--report-systems': 'reportSystems',
  '--audit-events': 'auditEvents',
  '--report-requests': 'reportRequests',
  '--audit-appends': 'auditAppends',
};

/** `--systems 200 --concurrency 8 --skip-reports`; unknown flags and non-positive sizes are errors. */
export function parseBenchArgs(argv: string[]): BenchArgs {
  const args = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    if (flag === '--skip-reports' || flag === '--temporal-file') {
      args[flag === '--skip-reports' ? 'skipReports' : 'temporalFile'] = true;
      continue;
    }
    const key = FLAGS[flag];
    if (!key) throw new Error(`unknown option ${flag} (options: ${[...Object.keys(FLAGS), '--skip-reports', '--temporal-file'].join(', ')})`);
    const raw = inline ?? argv[++i];
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} needs a positive whole number, got ${raw}`);
    (args as unknown as Record<string, number>)[key] = value;
  }
  return args;
}
