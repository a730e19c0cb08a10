import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createApiApp } from '@aigov/api/bootstrap';
import { createWorkerApp, RunningWorker } from '@aigov/worker/bootstrap';
import { AppConfig, loadAppConfig } from '@aigov/config/app-config';
import type { Clock } from '@aigov/config/clock';
import type { UserRole } from '@aigov/domain/governance-policy.types';
import { MailCapture, startMailCapture } from '@aigov/notifications/mail-capture.server';
import { createDataSource } from '@aigov/persistence/data-source.factory';
import { startTestDatabase, TestDatabase } from '../setup/database.setup';
import { freePort, freeRestartablePort } from '@aigov/scripts/free-port';
import { WorkerProcess, workerProcess } from './worker-process';
import { payloadKeysEnv } from './temporal-data-converter';

export interface ApiResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

export interface HarnessUser {
  user: { id: string; email: string; name: string; roles: string[] };
  token: string;
}

export interface Harness {
  baseUrl: string;
  config: AppConfig;
  mail: MailCapture;
  /** a pool on the harness's own database, for assertions on what was (not) written */
  dataSource: DataSource;
  api(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<ApiResponse>;
  /**
   * The first admin, created at start with the bootstrap ADMIN_TOKEN (which is refused from then
   * on); createUser and user management act as this admin. Absent with `bootstrapAdmin: false`.
   */
  admin: HarnessUser;
  /** creates a person as the first admin (or, with `bootstrapAdmin: false` and no admin yet, with the ADMIN_TOKEN) */
  createUser(roles: UserRole[], opts?: { name?: string; managerId?: string; email?: string }): Promise<HarnessUser>;
  /** the worker's HTTP server (health, metrics), in process or child process */
  workerHttpUrl: string;
  /** with `worker: 'process'`: the worker's child process, to kill and restart */
  workerProcess?: WorkerProcess;
  /** counts rows per table, to prove a refused request wrote nothing */
  rowCounts(): Promise<Record<string, number>>;
  /**
   * The same, less the rows that work on its own clock may write meanwhile (reminders, schedules):
   * `beside` is one row of counts whose columns name the tables to take them from.
   */
  rowCountsBeside(beside: string, params?: unknown[]): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  policyFile?: string;
  env?: Record<string, string>;
  /**
   * start the worker (default true) in this process; 'process' runs it as a child process a
   * test can kill; false for API-only tests of refusals
   */
  worker?: boolean | 'process';
  /** use this (already migrated) database instead of a fresh one, e.g. a server the test restarts */
  databaseUrl?: string;
  /** the API's clock (e.g. an AdjustableClock to expire links and sessions); the worker keeps the real one */
  clock?: Clock;
  /** the built web application the API serves at `/` (browser tests: test/support/web-build.ts); default dist/web when built */
  webAppDir?: string;
  /** capture the API's JSON log lines here, at LOG_LEVEL (default info); otherwise warnings and errors go to stdout */
  apiLog?: DestinationStream;
  /** create the first admin with the ADMIN_TOKEN at start (default true); false to test the bootstrap itself */
  bootstrapAdmin?: boolean;
}

const COUNTED_TABLES = [
  'users',
  'ai_systems',
  'stage_transitions',
  'impact_assessments',
  'tasks',
  'action_tokens',
  'deployments',
  'monitoring_events',
  'audit_events',
  'email_outbox',
  'risks',
  'risk_ai_systems',
  'soa_versions',
  'soa_entries',
  'questionnaire_versions',
  'questionnaire_reassessments',
  'risk_acceptance_rounds',
  'manual_evidence',
  'manual_evidence_contents',
  'sign_in_links',
  'sessions',
  'webhook_sources',
  'webhook_source_ai_systems',
  'webhook_receipts',
  'api_tokens',
  'webhook_subscriptions',
  'monitoring_plans',
  'documentation_statements',
  'ai_system_scopes',
  'gateway_tokens',
];

/**
 * The whole product on real parts: a fresh PostgreSQL database with every migration, the
 * integration run's Temporal dev server (on a task queue of its own), an SMTP capture, the
 * worker, and the API listening on a free loopback port.
 */
export async function startGovernanceHarness(options: HarnessOptions = {}): Promise<Harness> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => console.error(`harness cleanup: ${(e as Error).message}`));
  };
  try {
    const db: Pick<TestDatabase, 'url'> = options.databaseUrl ? { url: options.databaseUrl } : await startTestDatabase();
    if (!options.databaseUrl) cleanups.push(() => (db as TestDatabase).stop());
    const mail = await startMailCapture({ httpPort: false });
    cleanups.push(() => mail.stop());
    const port = await freePort();
    const env: Record<string, string> = {
      // Never the default port: other test runs on this machine may hold it. Specs kill and
      // restart the worker on this port, so it comes from below the ephemeral range.
      WORKER_HTTP_PORT: String(await freeRestartablePort()),
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: db.url,
      TEMPORAL_ADDRESS: requiredEnv('TEMPORAL_ADDRESS'),
      TEMPORAL_TASK_QUEUE: `harness-${randomUUID()}`,
      SMTP_URL: mail.smtpUrl,
      ADMIN_TOKEN: randomBytes(24).toString('base64url'),
      ACTION_LINK_SECRET: randomBytes(32).toString('base64url'),
      GOVERNANCE_POLICY_FILE: options.policyFile ?? join(__dirname, '../../config/governance-policy.yaml'),
      WORKFLOW_BUNDLE_PATH: requiredEnv('TEST_WORKFLOW_BUNDLE_PATH'),
      // the run's payload keys (global setup), so this harness's API and worker encrypt as production does
      ...payloadKeysEnv(),
      ...options.env,
    };
    const config = loadAppConfig(env);

    let worker: RunningWorker | undefined;
    let child: WorkerProcess | undefined;
    if (options.worker === 'process') {
      child = workerProcess(env);
      cleanups.push(() => child!.stop());
      await child.start();
    } else if (options.worker !== false) {
      worker = await createWorkerApp(config, { logger: ['error', 'warn'] });
      cleanups.push(() => worker!.stop());
    }
    const app: NestFastifyApplication = await createApiApp(config, {
      logger: options.apiLog ? undefined : ['error', 'warn'],
      logDestination: options.apiLog,
      clock: options.clock,
      webAppDir: options.webAppDir,
    });
    await app.listen({ host: '127.0.0.1', port });
    cleanups.push(() => app.close());

    const dataSource = await createDataSource(db.url, { poolSize: 2, applicationName: 'harness-assertions' }).initialize();
    cleanups.push(() => dataSource.destroy());
    const baseUrl = `http://127.0.0.1:${port}`;

    const api: Harness['api'] = async (method, path, opts = {}) => {
      const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      let body: string | undefined;
      if (opts.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      }
      const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      if (response.headers.get('content-type')?.includes('application/json') && text) parsed = JSON.parse(text);
      return { status: response.status, body: parsed, headers: response.headers };
    };

    let userCount = 0;
    let admin: HarnessUser | undefined;
    const createUser: Harness['createUser'] = async (roles, opts = {}) => {
      const n = ++userCount;
      const email = opts.email ?? `${roles[0]}-${n}-${randomBytes(3).toString('hex')}@example.test`;
      const response = await api('POST', '/api/v1/users', {
        token: admin?.token ?? config.adminToken,
        body: { email, name: opts.name ?? `${roles[0]} ${n}`, roles, ...(opts.managerId ? { managerId: opts.managerId } : {}) },
      });
      if (response.status !== 201) throw new Error(`creating a user failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body as HarnessUser;
    };

    const rowCounts = async () => {
      const counts: Record<string, number> = {};
      for (const table of COUNTED_TABLES) {
        const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
        counts[table] = row.n;
      }
      return counts;
    };

    const rowCountsBeside = async (beside: string, params: unknown[] = []) => {
      const counts = await rowCounts();
      const [row] = await dataSource.query(beside, params);
      for (const [table, n] of Object.entries(row as Record<string, number>)) {
        if (!(table in counts)) throw new Error(`rowCountsBeside: ${table} is not a counted table`);
        counts[table] -= n;
      }
      return counts;
    };

    // The ADMIN_TOKEN's one job: the first admin, who then creates everyone else.
    if (options.bootstrapAdmin !== false) admin = await createUser(['admin'], { name: 'First Admin' });

    const workerHttpUrl = `http://127.0.0.1:${worker?.http.port ?? config.workerHttp.port}`;
    return { baseUrl, config, mail, dataSource, api, admin: admin!, createUser, rowCounts, rowCountsBeside, stop, workerProcess: child, workerHttpUrl };
  } catch (error) {
    await stop();
    throw error;
  }
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run integration tests through jest's integration project (its global setup sets it)`);
  return value;
}
