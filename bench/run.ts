import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import os from 'node:os';
import path from 'node:path';
import { createDataSource } from '@aigov/persistence/data-source.factory';
import { startMailCapture } from '@aigov/notifications/mail-capture.server';
import { freePort } from '@aigov/scripts/free-port';
import { startScratchDatabase } from '@aigov/scripts/scratch-database';
import { resolveTemporalCli } from '@aigov/scripts/temporal-cli';
import { startTemporalDevServer } from '@aigov/scripts/temporal-dev-server';
import { startScratchTemporalCluster, withDatabase } from '@aigov/scripts/scratch-temporal-cluster';
import { BenchArgs, parseBenchArgs } from './bench-args';
import { printTable } from './print-table';
import { runBareUpdateRtt, runBaselineThroughput, startBaselineWorker } from './scenarios/bare-temporal';
import type { Metric, ScenarioResult } from './scenarios/bench-types';
import { call, decide, FlowContext, pool, recoveries, toApproval, toDeployment, toOperation } from './scenarios/lifecycle-flow';
import { runAuditTrail } from './scenarios/audit-trail';
import { runAuthorize } from './scenarios/authorize';
import { runControlHealthAtScale } from './scenarios/control-health-at-scale';
import { runReportsAtScale } from './scenarios/reports-at-scale';
import { runWebDashboard } from './scenarios/web-dashboard';
import { percentile, round } from './scenarios/stats-lite';
import { PeakMemory, residentMiB, startChildService } from './support/child-service';
import { codeVersion } from './support/code-version';
import { LoadAverageSampler } from './support/load-average';
import { MemorySample, MemorySeries } from './support/memory-series';
import { newPayloadKeyEntry } from '@aigov/config/temporal-payload-keys';

const ROOT = path.join(__dirname, '..', '..');
const DIST = path.join(__dirname, '..');

/**
 * `npm run bench`: starts its own servers (Temporal dev server on a SQLite file, or with
 * `--temporal cluster` Temporal's server on PostgreSQL; a scratch PostgreSQL database, an SMTP
 * capture, and the worker and API as production processes), runs each scenario next to a
 * baseline measured in the same run, prints a table and writes bench/results/latest.json (with
 * --only, bench/results/<scenario>.json; against the cluster, latest-cluster.json and
 * <scenario>-cluster.json, so that a cluster run never overwrites the dev server's figures).
 */
async function startTemporal(args: BenchArgs, databaseUrl: string, work: string, log: (message: string) => void) {
  if (args.temporal === 'cluster') {
    // Its own two databases on the benchmark's PostgreSQL server, dropped at the end.
    const cluster = await startScratchTemporalCluster({ postgresUrl: withDatabase(databaseUrl, 'postgres'), prefix: 'aigov_bench_temporal', allowBuild: true, log });
    const { persistence, visibility } = cluster.databases;
    return {
      address: cluster.address,
      pid: cluster.server().pid,
      stop: cluster.destroy,
      storedBytes: (dataSource: DataSource) => databaseBytes(dataSource, [persistence, visibility]),
    };
  }
  const cliPath = await resolveTemporalCli({ allowBuild: true, allowDownload: true });
  // In memory by default: with a SQLite file every state change waits for an fsync, and the
  // dev server, not the engine, sets the pace (--temporal-file measures that mode).
  const dbFile = path.join(work, 'temporal.db');
  const server = await startTemporalDevServer({ cliPath, ...(args.temporalFile ? { dbFile } : {}) });
  // The dev server in memory has no store to measure; with its SQLite file, the file and its write-ahead log.
  const storedBytes = async () => (args.temporalFile ? [dbFile, `${dbFile}-wal`].reduce((n, f) => n + (existsSync(f) ? statSync(f).size : 0), 0) : null);
  return { ...server, storedBytes };
}

/** bench/bench-policy.yaml, or a copy in the run's directory whose minimal tier falls due for review after `minutes`. */
function benchPolicyFile(minutes: number, work: string): string {
  const file = path.join(ROOT, 'bench', 'bench-policy.yaml');
  if (minutes === 4) return file;
  const text = readFileSync(file, 'utf8');
  const changed = text.replace('review: { cadence: PT4M,', `review: { cadence: PT${minutes}M,`);
  if (changed === text) throw new Error('bench-policy.yaml no longer has the minimal tier\'s review cadence PT4M that --review-minutes replaces');
  const copy = path.join(work, 'bench-policy.yaml');
  writeFileSync(copy, changed);
  return copy;
}

/** The size of these databases on the benchmark's PostgreSQL server (tables, indexes, TOAST). */
async function databaseBytes(dataSource: DataSource, names: string[]): Promise<number> {
  const [row] = await dataSource.query(`SELECT sum(pg_database_size(name))::bigint AS bytes FROM unnest($1::text[]) AS name`, [names]);
  return Number(row.bytes);
}

async function main(args: BenchArgs): Promise<void> {
  // The baseline worker runs in this process; its INFO lines would bury the table.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const startedAt = new Date();
  const loadAverage = new LoadAverageSampler();
  const log = (message: string) => console.log(`[bench ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(4)}s] ${message}`);
  const work = mkdtempSync(path.join(os.tmpdir(), 'aigov-bench-'));
  const resultsDir = path.join(ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const stops: Array<() => Promise<unknown>> = [];
  const results: ScenarioResult[] = [];
  let memorySeries: MemorySample[] | undefined;
  // A run that fails (at 10,000 systems, after most of an hour) still writes what it measured,
  // with the error, to its dated file: a figure from a failed run is still a measurement.
  const writeReport = (failure?: Error): string[] => {
    const report = {
      generatedAt: new Date().toISOString(),
      durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
      // the code measured (README: every figure names its result file, and the file its commit)
      code: codeVersion(process.cwd()),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGiB: round(os.totalmem() / 2 ** 30, 1),
        platform: `${os.platform()} ${os.release()}`,
        node: process.version,
        // What else ran on the machine: a run under load is slower, and the figures say so.
        loadAverage1m: loadAverage.summary(),
      },
      // The worker's sticky cache sizes its memory (README: long-lived workflows); the product's default unless the environment set it.
      // MALLOC_ARENA_MAX (glibc's allocation arenas, for the Rust core's threads) when the run set it.
      worker: { maxCachedWorkflows: Number(process.env.WORKER_MAX_CACHED_WORKFLOWS ?? 1000), mallocArenaMax: process.env.MALLOC_ARENA_MAX ? Number(process.env.MALLOC_ARENA_MAX) : null },
      args,
      ...(failure ? { failed: failure.message } : {}),
      results,
      ...(memorySeries ? { memorySeries } : {}),
    };
    // The newest run under a stable name (what the README's tables quote), and a dated copy that
    // a later run does not overwrite: <day>-<backend>[-<scenario>].json.
    const backend = args.temporal === 'cluster' ? 'cluster' : 'dev-server';
    // A run at another size (--systems 10000) keeps only its dated file: latest.json stays the
    // default-size run the README's main table quotes. So does a failed run, marked as such.
    const otherSize = args.systems !== 1000 && !args.only;
    const resultsFiles = [
      ...(otherSize || failure ? [] : [`${args.only ?? 'latest'}${args.temporal === 'cluster' ? '-cluster' : ''}.json`]),
      `${startedAt.toISOString().slice(0, 10)}-${backend}${args.only ? `-${args.only}` : ''}${otherSize ? `-${args.systems}-systems` : ''}${failure ? '-failed' : ''}.json`,
    ];
    for (const file of resultsFiles) writeFileSync(path.join(resultsDir, file), `${JSON.stringify(report, null, 2)}\n`);
    return resultsFiles;
  };
  try {
    log(`starting PostgreSQL, Temporal (${args.temporal === 'cluster' ? "Temporal's server on PostgreSQL" : 'dev server'}), SMTP capture`);
    const db = await startScratchDatabase('aigov_bench');
    stops.push(() => db.stop());
    const temporal = await startTemporal(args, db.url, work, log);
    stops.push(() => temporal.stop());
    const mail = await startMailCapture({ maxMessages: 200 });
    stops.push(() => mail.stop());

    const port = await freePort();
    const adminToken = randomBytes(24).toString('base64url');
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: db.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: 'ai-governance-bench',
      SMTP_URL: mail.smtpUrl,
      ADMIN_TOKEN: adminToken,
      ACTION_LINK_SECRET: randomBytes(32).toString('base64url'),
      // Production encrypts Temporal payloads, so the benchmark measures the product with it; the
      // bare-Temporal baseline below stays plain (it is what Temporal costs without the product).
      TEMPORAL_PAYLOAD_KEYS: newPayloadKeyEntry('bench', randomBytes),
      GOVERNANCE_POLICY_FILE: benchPolicyFile(args.reviewMinutes, work),
      WORKFLOW_BUNDLE_PATH: path.join(DIST, 'workflow-bundle.js'),
      // any free port for the worker's health and metrics server: its default may be taken by another run on this machine
      WORKER_HTTP_PORT: '0',
    };
    log('starting the worker and the API (production mode, own processes)');
    const worker = await startChildService({
      name: 'worker',
      script: path.join(DIST, 'apps', 'worker', 'src', 'main.js'),
      env,
      ready: /polling task queue/,
      logFile: path.join(work, 'worker.log'),
    });
    stops.push(() => worker.stop());
    const api = await startChildService({
      name: 'api',
      script: path.join(DIST, 'apps', 'api', 'src', 'main.js'),
      env,
      ready: /listening on/,
      logFile: path.join(work, 'api.log'),
    });
    stops.push(() => api.stop());
    const baseUrl = `http://127.0.0.1:${port}`;

    // The ADMIN_TOKEN creates the first admin only (refused afterwards); that admin creates the rest.
    let creator = adminToken;
    const user = async (roles: string[], name: string) => {
      const created = await call({ baseUrl }, 'POST', '/api/v1/users', creator, {
        email: `${name}-${randomBytes(3).toString('hex')}@bench.example`,
        name,
        roles,
      });
      return { id: created.user.id as string, token: created.token as string };
    };
    creator = (await user(['admin'], 'admin')).token;
    const owner = await user(['product_owner'], 'owner');
    const approvers: [typeof owner, typeof owner] = [await user(['approver'], 'approver-a'), await user(['approver'], 'approver-b')];
    const office = await user(['governance_office', 'auditor'], 'office');
    const dataSource = await createDataSource(db.url, { poolSize: 4, applicationName: 'bench' }).initialize();
    stops.push(() => dataSource.destroy());
    const flow: FlowContext = { baseUrl, owner, approvers, dataSource };

    const connection = await Connection.connect({ address: temporal.address });
    stops.push(() => connection.close());
    const client = new Client({ connection });
    // The bare-Temporal worker (a webpack bundle and a polling worker in this process) is started
    // only by the full run, whose baselines use it: in an --only scenario it would sit in the load
    // generator's process, and its pauses would show up as the measured server's latency.
    const startBaseline = async () => {
      const worker = await startBaselineWorker(temporal.address, 'bench-baseline');
      stops.push(() => worker.stop());
      return worker;
    };
    const processes = [
      { name: 'api', pid: api.pid() },
      { name: 'worker', pid: worker.pid() },
      { name: 'temporal', pid: temporal.pid },
    ];
    const memory = new PeakMemory(processes);
    const peakMetrics = (peaks: Record<string, number>): Metric[] =>
      Object.entries(peaks).map(([name, value]) => ({ name: `peak RSS ${name}`, value, unit: 'MiB' }));

    // 6. Control health at scale (seeded straight into PostgreSQL), only with --only control-health-at-scale:
    // one organisation-wide report at 100,000 systems takes over a minute, which would double the full run.
    const benchCtx = { baseUrl, token: office.token, dataSource, databaseUrl: db.url, log };
    const controlHealth = async () => {
      log(`control health: evidence for ${args.reportSystems} systems and ${args.auditEvents} audit events attached to them`);
      memory.start();
      const health = await runControlHealthAtScale(benchCtx, {
        systems: args.reportSystems,
        auditEvents: args.auditEvents,
        requests: args.healthRequests,
        lookups: args.reportRequests,
      });
      health.metrics.push(...peakMetrics(memory.stop()));
      return health;
    };
    // 4. and 5. Reports at scale and the audit trail (seeded straight into PostgreSQL); in the full
    // run after the lifecycle scenarios, alone with --only reports-at-scale or --only audit-trail.
    const reportsAtScale = async () => {
      log(`reports: seeding ${args.reportSystems} systems and ${args.auditEvents} audit events`);
      memory.start();
      const reports = await runReportsAtScale(benchCtx, { systems: args.reportSystems, auditEvents: args.auditEvents, requests: args.reportRequests });
      reports.metrics.push(...peakMetrics(memory.stop()));
      return reports;
    };
    const auditTrail = async () => {
      log('audit trail: append cost and verification speed');
      memory.start();
      const audit = await runAuditTrail(benchCtx, { appends: args.auditAppends, verifyEvents: args.auditEvents });
      audit.metrics.push(...peakMetrics(memory.stop()));
      return audit;
    };
    if (args.only === 'control-health-at-scale') {
      results.push(await controlHealth());
    } else if (args.only === 'authorize') {
      // 8. POST /authorize under a fixed open-loop rate, next to an authenticated indexed read and a bare SELECT (scenarios/authorize.ts).
      memory.start();
      const authorize = await runAuthorize(
        { ...benchCtx, flow, adminToken: creator, apiPid: api.pid() },
        { rate: args.authorizeRate, seconds: args.authorizeSeconds, systems: args.authorizeSystems, client: args.authorizeClient, schedule: args.authorizeSchedule },
      );
      authorize.metrics.push(...peakMetrics(memory.stop()));
      results.push(authorize);
    } else if (args.only === 'reports-at-scale') {
      results.push(await reportsAtScale());
    } else if (args.only === 'audit-trail') {
      results.push(await auditTrail());
    } else if (args.only === 'web-dashboard') {
      // 7. The governance office's dashboard in Chromium at scale (needs a browser), only with --only web-dashboard.
      const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
      log(`web dashboard: ${args.dashboardSystems} systems, ${args.dashboardRuns} navigations in ${chromiumPath}`);
      memory.start();
      const dashboard = await runWebDashboard(
        { ...benchCtx, mail, webDir: path.join(DIST, 'web'), chromiumPath },
        { systems: args.dashboardSystems, runs: args.dashboardRuns, apiRequests: 20 },
      );
      dashboard.metrics.push(...peakMetrics(memory.stop()));
      results.push(dashboard);
    } else {
      const baselineWorker = await startBaseline();
      // 1. Decision latency, one decision at a time, next to bare Update round trips.
      log(`decision latency: ${args.latencySamples} systems prepared to their last decision`);
      const prepared = await pool(args.latencySamples, args.concurrency, async (i) => {
        const { id, tasks } = await toApproval(flow, `bench-latency-${i}`);
        await decide(flow, approvers[0], tasks.get(approvers[0].id)!);
        return { id, task: tasks.get(approvers[1].id)! };
      });
      memory.start();
      const latencies: number[] = [];
      for (const { id, task } of prepared) {
        const t0 = performance.now();
        await decide(flow, approvers[1], task);
        for (;;) {
          const system = await call(flow, 'GET', `/api/v1/ai-systems/${id}`, owner.token);
          if (system.stage === 'deployment') break;
        }
        latencies.push(performance.now() - t0);
      }
      const latencyPeaks = memory.stop();
      const bare = await runBareUpdateRtt(client, baselineWorker.taskQueue, args.latencySamples);
      const bareWithActivities = await runBareUpdateRtt(client, baselineWorker.taskQueue, args.latencySamples, 3);
      const p = (values: number[], q: number) => round(percentile(values, q), 1);
      results.push({
        scenario: 'decision latency',
        metrics: [
          { name: 'decision to visible p50', value: p(latencies, 50), unit: 'ms', baseline: { name: 'bare Update p50', value: p(bare, 50), unit: 'ms' }, ratio: round(p(latencies, 50) / p(bare, 50)) },
          { name: 'decision to visible p95', value: p(latencies, 95), unit: 'ms', baseline: { name: 'bare Update p95', value: p(bare, 95), unit: 'ms' }, ratio: round(p(latencies, 95) / p(bare, 95)) },
          {
            name: 'decision to visible p99',
            value: p(latencies, 99),
            unit: 'ms',
            baseline: { name: 'bare Update p99', value: p(bare, 99), unit: 'ms' },
            ratio: round(p(latencies, 99) / p(bare, 99)),
            target: '<= 3x bare Update p99 (aim 2x)',
            met: p(latencies, 99) <= 3 * p(bare, 99),
          },
          {
            name: 'decision to visible p99 vs an Update running 3 no-op activities',
            value: p(latencies, 99),
            unit: 'ms',
            baseline: { name: 'Update with 3 sequential no-op activities p99', value: p(bareWithActivities, 99), unit: 'ms' },
            ratio: round(p(latencies, 99) / p(bareWithActivities, 99)),
          },
          ...peakMetrics(latencyPeaks),
        ],
        notes: [
          'the decision settles the round: the approval workflow records it, closes the step and ends; the lifecycle applies the outcome; ' +
            'the API answers after that is persisted, then a GET reads the new stage',
        ],
      });

      // 2. Lifecycle throughput, next to the same work on bare Temporal.
      const baselineSystems = args.baselineSystems ?? args.systems;
      log(`baseline: ${baselineSystems} bare-Temporal lifecycles, concurrency ${args.concurrency}`);
      const baseline = await runBaselineThroughput(client, baselineWorker.taskQueue, { systems: baselineSystems, concurrency: args.concurrency });
      const baselineRate = baselineSystems / (baseline.durationMs / 1000);
      log(`lifecycle: ${args.systems} systems over HTTP to operation, concurrency ${args.concurrency}`);
      // What the systems of this run add to each store, read before and after them (file sizes:
      // dead row versions and free space included, as a disk sees them).
      const appDatabase = decodeURIComponent(new URL(db.url).pathname.slice(1));
      const appBytesBefore = await databaseBytes(dataSource, [appDatabase]);
      const temporalBytesBefore = await temporal.storedBytes(dataSource);
      memory.start();
      const progress = { approved: 0, operating: 0, reviewTasks: 0 };
      const series = new MemorySeries(processes, () => progress);
      memorySeries = series.samples;
      series.start();
      const productStart = performance.now();
      // Approvals first, then every deployment in one go, so the review timers they arm fall due together.
      const approved = await pool(args.systems, args.concurrency, async (i) => {
        const id = await toDeployment(flow, `bench-system-${i}`);
        progress.approved++;
        return id;
      });
      const deployStart = performance.now();
      const operating = await pool(approved.length, args.concurrency, async (i) => {
        const system = await toOperation(flow, approved[i]);
        progress.operating++;
        return system;
      });
      const deploySeconds = (performance.now() - deployStart) / 1000;
      const operated = operating.map((o) => o.id);
      const productMs = performance.now() - productStart;
      const throughputPeaks = memory.stop();
      const productRate = args.systems / (productMs / 1000);
      results.push({
        scenario: 'lifecycle throughput',
        metrics: [
          {
            name: `${args.systems} systems to operation (C=${args.concurrency})`,
            value: round(productRate),
            unit: 'systems/s',
            baseline: {
              name: `bare Temporal, same starts/Updates/no-op activities${baselineSystems !== args.systems ? ` (${baselineSystems} lifecycles)` : ''}`,
              value: round(baselineRate),
              unit: 'systems/s',
            },
            ratio: round(productRate / baselineRate),
            target: '>= 0.9x baseline',
            met: productRate / baselineRate >= 0.9,
          },
          ...peakMetrics(throughputPeaks),
          { name: 'Updates the API gave up waiting for (503), recovered by checking the system', value: recoveries.updateTimeouts, unit: 'requests' },
          { name: 'requests without an answer within 300 s (the bench\'s fetch timeout), recovered by checking the system', value: recoveries.clientTimeouts, unit: 'requests' },
        ],
        notes: [
          'per system: register, submit, assess (minimal tier), two approvals (quorum "all" of 2), deploy; 2 emails over SMTP',
          'baseline per system: 2 workflow starts, 7 Updates, 13 no-op activities; its worker runs inside the bench process',
          'all systems are approved first, then all deployed (same concurrency), so their review timers fall due together',
        ],
      });

      // 3. Long-lived workflows: memory with every system in operation and its review timer pending.
      const openSystems = operated.length;
      const appBytesAfter = await databaseBytes(dataSource, [appDatabase]);
      const temporalBytesAfter = await temporal.storedBytes(dataSource);
      const perSystemKiB = (before: number, after: number) => round((after - before) / args.systems / 1024, 1);
      const footprint: Metric[] = [
        { name: 'PostgreSQL (the product\'s database) per system taken to operation', value: perSystemKiB(appBytesBefore, appBytesAfter), unit: 'KiB' },
        ...(temporalBytesBefore !== null && temporalBytesAfter !== null
          ? [{ name: `Temporal's persistence (${args.temporal === 'cluster' ? 'its two PostgreSQL databases' : 'the dev server\'s SQLite file'}) per system`, value: perSystemKiB(temporalBytesBefore, temporalBytesAfter), unit: 'KiB' }]
          : []),
      ];
      const residents: Metric[] = [...footprint];
      for (const proc of processes) {
        const mib = await residentMiB(proc.pid);
        if (mib !== null) residents.push({ name: `RSS ${proc.name} with ${openSystems} systems in operation`, value: Math.round(mib), unit: 'MiB' });
      }

      // 4. and 5. Reports at scale and the audit trail (seeded straight into PostgreSQL).
      if (!args.skipReports) {
        results.push(await reportsAtScale());
        results.push(await auditTrail());
      }

      const reportsEnded = Date.now();

      // 3, continued: the reviews fall due (cadence --review-minutes after each deployment) and become tasks.
      const lastDue = Math.max(...operating.map((o) => o.nextReviewAt));
      const firstDue = Math.min(...operating.map((o) => o.nextReviewAt));
      log(`long-lived: waiting for ${operating.length} reviews to fall due (last at ${new Date(lastDue).toISOString()})`);
      memory.start();
      const deadline = lastDue + 120_000;
      let created: Array<{ ai_system_id: string; created_at: Date }> = [];
      while (Date.now() < deadline) {
        created = await dataSource.query(
          `SELECT ai_system_id, min(created_at) AS created_at FROM tasks WHERE kind = 'review' AND ai_system_id = ANY($1::uuid[]) GROUP BY 1`,
          [operated],
        );
        progress.reviewTasks = created.length;
        if (created.length >= operating.length) break;
        await new Promise((r) => setTimeout(r, 1000));
      }
      const burstPeaks = memory.stop();
      series.stop();
      // The worker from the time a tenth of the systems were approved to the end: flat if it follows its cache.
      const settled = series.range('worker', (p) => p.approved >= args.systems / 10);
      const due = new Map(operating.map((o) => [o.id, o.nextReviewAt]));
      const lags = created.map((c) => new Date(c.created_at).getTime() - (due.get(c.ai_system_id) ?? NaN)).filter(Number.isFinite);
      const lastCreated = Math.max(...created.map((c) => new Date(c.created_at).getTime()));
      results.push({
        scenario: 'long-lived workflows',
        metrics: [
          ...residents,
          { name: `reviews turned into tasks`, value: created.length, unit: `of ${operating.length}` },
          { name: 'review due to task p50', value: p(lags, 50), unit: 'ms' },
          { name: 'review due to task p99', value: p(lags, 99), unit: 'ms', target: '< 2,000 ms', met: p(lags, 99) < 2000 },
          { name: `${operating.length} reviews due within ${round((lastDue - firstDue) / 1000, 1)} s: first due to last task`, value: round((lastCreated - firstDue) / 1000, 1), unit: 's' },
          ...peakMetrics(burstPeaks),
          ...(settled
            ? [
                { name: `worker RSS, lowest of ${settled.count} samples (every 30 s) from ${args.systems / 10} systems approved to the end`, value: settled.min, unit: 'MiB' },
                { name: 'worker RSS, highest of those samples', value: settled.max, unit: 'MiB' },
              ]
            : []),
        ],
        notes: [
          `the ${openSystems} systems of the throughput run, each with a review timer (cadence PT${args.reviewMinutes}M), deployed within ${round(deploySeconds, 1)} s of each other`,
          ...(firstDue < reportsEnded ? ['some reviews fell due before the report and audit scenarios ended, so they ran under that load'] : []),
        ],
      });

    }

    const resultsFiles = writeReport();
    printTable(results);
    log(`done; wrote ${resultsFiles.map((f) => `bench/results/${f}`).join(' and ')}`);
  } catch (error) {
    if (results.length || memorySeries) log(`failed; wrote what was measured to bench/results/${writeReport(error as Error).join(' and ')}`);
    throw error;
  } finally {
    loadAverage.stop();
    for (const stop of stops.reverse()) await stop().catch((error: Error) => console.error(`[bench] cleanup: ${error.message}`));
    // AIGOV_BENCH_KEEP_WORK=1 keeps the processes' logs (bench/diagnostics/api-gc-preload.js writes to the API's).
    if (process.env.AIGOV_BENCH_KEEP_WORK) log(`kept the logs in ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main(parseBenchArgs(process.argv.slice(2))).then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`[bench] failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
