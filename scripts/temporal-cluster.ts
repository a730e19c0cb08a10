import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { msToTs } from '@temporalio/common/lib/time';
import { Client } from 'pg';
import { portIsFree } from './free-port';
import { watchServerProcess } from './server-process';
import { awaitTemporalReady } from './temporal-readiness';
import {
  CLUSTER_PORT_NAMES,
  ClusterPorts,
  ClusterPostgres,
  clusterConfigFiles,
  clusterConfigYaml,
  loadBaseClusterConfig,
  postgresEndpoint,
  renderClusterConfig,
} from './temporal-cluster-config';
import { resolveTemporalServer, TemporalServerBinaries } from './temporal-server-binaries';

/**
 * Temporal's own server (the production engine, not the dev server) on PostgreSQL, on this
 * machine: binaries (scripts/temporal-server-binaries.ts), the two databases and their schema
 * set up idempotently, the server started from config/temporal/temporal-server.yaml on free
 * loopback ports, the namespace created, readiness awaited. Used by the integration tests
 * (AIGOV_TEMPORAL=cluster), the benchmark (--temporal cluster) and `npm start`.
 *
 *   node dist/scripts/temporal-cluster.js install          builds or finds the binaries, prints where
 *   node dist/scripts/temporal-cluster.js start [--port N]  sets up and runs a server until Ctrl-C
 */

export interface TemporalClusterOptions {
  binaries: TemporalServerBinaries;
  /** any database on the PostgreSQL server the cluster lives on, to connect to for the setup */
  postgresUrl: string;
  /** `temporal` and `temporal_visibility` unless given */
  database?: string;
  visibilityDatabase?: string;
  /** where the rendered configuration and the server's log go */
  runDir: string;
  /** frontend (gRPC) port; a free one when omitted. The other ports are always free ones. */
  port?: number;
  namespace?: string;
  /** 3 days unless given (the CLI's default) */
  retentionHours?: number;
  /** 120 s unless given: a first start on a busy 2-core machine takes a while */
  readyTimeoutMs?: number;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export interface TemporalCluster {
  /** host:port of the frontend */
  address: string;
  pid: number;
  logFile: string;
  configFile: string;
  postgres: ClusterPostgres;
  /** SIGTERM to the server's process group, SIGKILL after 15 s; resolves once it has exited */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 15_000;
const OUTPUT_TAIL_LINES = 40;
const HOST = '127.0.0.1';

/**
 * Ports are chosen below 32768: the server records each service's membership port in
 * PostgreSQL as a smallint (cluster_membership.rpc_port), so a port the OS would hand out
 * (Linux's ephemeral range starts at 32768) stops the server with "out of range for type
 * smallint". Staying out of the ephemeral range also keeps them clear of outgoing connections.
 */
export const CLUSTER_PORT_RANGE = { from: 20_000, to: 32_767 } as const;

/** Free loopback ports in CLUSTER_PORT_RANGE, all different. */
export async function freeClusterPorts(frontend?: number, random: () => number = Math.random): Promise<ClusterPorts> {
  const taken = new Set<number>(frontend ? [frontend] : []);
  const ports: Partial<ClusterPorts> = {};
  for (const name of CLUSTER_PORT_NAMES) {
    if (name === 'frontend' && frontend) {
      ports.frontend = frontend;
      continue;
    }
    for (let attempt = 0; ; attempt++) {
      if (attempt > 1_000) throw new Error(`no free port between ${CLUSTER_PORT_RANGE.from} and ${CLUSTER_PORT_RANGE.to} on ${HOST}`);
      const port = CLUSTER_PORT_RANGE.from + Math.floor(random() * (CLUSTER_PORT_RANGE.to - CLUSTER_PORT_RANGE.from + 1));
      if (taken.has(port) || !(await portIsFree(port, HOST))) continue;
      taken.add(port);
      ports[name] = port;
      break;
    }
  }
  return ports as ClusterPorts;
}

/**
 * The ports of the previous start in this run directory when they are all free again, else new
 * ones (written down for next time). A restarted server that keeps its ports keeps its identity
 * in the membership ring: with new ones, the ring still holds the old process's history host at
 * its old address until that entry expires, and the shards it owned stall for that long.
 */
export async function portsForStart(runDir: string, frontend?: number): Promise<ClusterPorts> {
  const file = path.join(runDir, 'ports.json');
  try {
    const previous = JSON.parse(await readFile(file, 'utf8')) as ClusterPorts;
    const complete = CLUSTER_PORT_NAMES.every((name) => Number.isInteger(previous[name]));
    if (complete && (frontend === undefined || previous.frontend === frontend)) {
      const free = await Promise.all(CLUSTER_PORT_NAMES.map((name) => portIsFree(previous[name], HOST)));
      if (free.every(Boolean)) return previous;
    }
  } catch {
    // first start here, or an unreadable file: choose anew
  }
  const ports = await freeClusterPorts(frontend);
  await mkdir(runDir, { recursive: true });
  await writeFile(file, `${JSON.stringify(ports, null, 2)}\n`);
  return ports;
}

async function withClient<T>(url: string, database: string | undefined, work: (client: Client) => Promise<T>): Promise<T> {
  const parsed = new URL(url);
  if (database) parsed.pathname = `/${encodeURIComponent(database)}`;
  const client = new Client({ connectionString: parsed.toString(), connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function runTool(binaries: TemporalServerBinaries, postgres: ClusterPostgres, database: string, args: string[]): Promise<void> {
  // The password goes through the environment, not the command line, which `ps` shows.
  const env = {
    ...process.env,
    SQL_PLUGIN: 'postgres12',
    SQL_HOST: postgres.host,
    SQL_PORT: String(postgres.port),
    SQL_USER: postgres.user,
    SQL_PASSWORD: postgres.password,
    SQL_DATABASE: database,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(binaries.sqlTool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('close', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`temporal-sql-tool ${args.join(' ')} on ${database} exited with ${signal ?? code}\n${output.trim()}`)),
    );
  });
}

/**
 * Creates the persistence and visibility databases when missing, the schema-version tables
 * when missing (`setup-schema -v 0.0`), then brings both schemas to the newest version of the
 * binaries' release (`update-schema`, which applies only what is not there yet). Safe to run on
 * every start, and after an upgrade of the binaries it is the upgrade.
 */
export async function setupClusterDatabases(binaries: TemporalServerBinaries, postgresUrl: string, postgres: ClusterPostgres): Promise<void> {
  for (const [database, store] of [
    [postgres.database, 'temporal'],
    [postgres.visibilityDatabase, 'visibility'],
  ] as const) {
    await withClient(postgresUrl, undefined, async (client) => {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount) return;
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
      } catch (error) {
        if ((error as { code?: string }).code !== '42P04') throw error; // created meanwhile by another process
      }
    });
    const versioned = await withClient(postgresUrl, database, async (client) => {
      const { rows } = await client.query(`SELECT to_regclass('public.schema_version') IS NOT NULL AS present`);
      return rows[0].present as boolean;
    });
    if (!versioned) await runTool(binaries, postgres, database, ['setup-schema', '-v', '0.0']);
    await runTool(binaries, postgres, database, ['update-schema', '-d', path.join(binaries.schemaDir, store, 'versioned')]);
  }
}

/** Drops the two databases (tests: each run gets its own pair). */
export async function dropClusterDatabases(postgresUrl: string, postgres: Pick<ClusterPostgres, 'database' | 'visibilityDatabase'>): Promise<void> {
  await withClient(postgresUrl, undefined, async (client) => {
    for (const database of [postgres.database, postgres.visibilityDatabase]) {
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
    }
  });
}

function isAlreadyExists(error: unknown): boolean {
  return (error as { code?: number }).code === 6 || /already exists|already registered/i.test((error as Error).message ?? '');
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: number }).code === 5;
}

/**
 * Sets up the databases (idempotent), writes the configuration and starts `temporal-server` in
 * its own process group; resolves once the frontend answers and the namespace is usable. The
 * server's output goes to <runDir>/temporal-server.log; the last lines are in any error.
 */
export async function startTemporalCluster(options: TemporalClusterOptions): Promise<TemporalCluster> {
  const log = options.log ?? (() => undefined);
  const namespace = options.namespace ?? 'default';
  const endpoint = postgresEndpoint(options.postgresUrl);
  const postgres: ClusterPostgres = {
    ...endpoint,
    database: options.database ?? 'temporal',
    visibilityDatabase: options.visibilityDatabase ?? 'temporal_visibility',
  };

  const setupStarted = Date.now();
  await setupClusterDatabases(options.binaries, options.postgresUrl, postgres);
  log(`Temporal databases ${postgres.database} and ${postgres.visibilityDatabase} ready in ${Date.now() - setupStarted} ms`);
  options.signal?.throwIfAborted();

  const ports = await portsForStart(options.runDir, options.port);
  const files = clusterConfigFiles();
  const config = renderClusterConfig(loadBaseClusterConfig(files.config), { postgres, ports, dynamicConfigFile: files.dynamicConfig });
  const configDir = path.join(options.runDir, 'config');
  await mkdir(configDir, { recursive: true, mode: 0o700 });
  const configFile = path.join(configDir, 'aigov.yaml');
  // The file holds the database password: readable by us alone.
  await writeFile(configFile, clusterConfigYaml(config), { mode: 0o600 });
  const logFile = path.join(options.runDir, 'temporal-server.log');

  const args = ['--root', options.runDir, '--config', 'config', '--env', 'aigov', '--allow-no-auth', 'start'];
  // detached: its own process group, so that stop() reaches anything it may spawn.
  const child = spawn(options.binaries.server, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const logStream = createWriteStream(logFile, { flags: 'a' });
  const server = watchServerProcess(child, { tailLines: OUTPUT_TAIL_LINES, onOutput: (chunk) => logStream.write(chunk) });
  const { tail, exited } = server;
  // Whatever happens to this process, the server must not outlive it.
  const killOnExit = () => {
    if (!server.hasExited() && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', killOnExit);
  void exited.then(() => {
    process.removeListener('exit', killOnExit);
    logStream.end();
  });

  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  const stop = () => server.stop(signalGroup, STOP_GRACE_MS);

  const address = `${HOST}:${ports.frontend}`;
  const describe = (what: string) =>
    `Temporal server (${options.binaries.server} ${args.join(' ')}; log ${logFile}) ${what}` + (tail.length ? `\n${tail.join('\n')}` : '');
  let registered = false;
  await awaitTemporalReady({
    address,
    probe: async (connection) => {
      await connection.workflowService.getSystemInfo({});
      if (!registered) {
        try {
          await connection.workflowService.describeNamespace({ namespace });
        } catch (error) {
          if (!isNotFound(error)) throw error;
          try {
            await connection.workflowService.registerNamespace({
              namespace,
              workflowExecutionRetentionPeriod: msToTs(`${options.retentionHours ?? 72}h`),
            });
            log(`Temporal namespace ${namespace} created`);
          } catch (registerError) {
            if (!isAlreadyExists(registerError)) throw registerError;
          }
        }
        registered = true;
      }
      // The namespace is usable once the frontend's namespace cache has it (refreshed every
      // 2 s); listing goes through that cache and through visibility.
      await connection.workflowService.countWorkflowExecutions({ namespace, query: '' });
    },
    probeTimeoutMs: 5_000,
    retryMs: 500,
    timeoutMs: options.readyTimeoutMs ?? 120_000,
    signal: options.signal,
    exited,
    hasExited: server.hasExited,
    stop,
    describe,
  });

  return { address, pid: child.pid!, logFile, configFile, postgres, stop };
}

const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** `install` or `start [--port N] [--run-dir DIR]`; the PostgreSQL server from TEMPORAL_POSTGRES_URL, else the local one. */
async function main(argv: string[]): Promise<void> {
  const [command = 'start', ...rest] = argv;
  const say = (line: string) => process.stderr.write(`[temporal-cluster] ${line}\n`);
  if (command === 'install') {
    const binaries = await resolveTemporalServer({ allowBuild: true, log: say });
    process.stdout.write(`${binaries.server}\n${binaries.sqlTool}\n${binaries.schemaDir}\n`);
    return;
  }
  if (command !== 'start') throw new Error(`unknown command ${command} (install, start)`);
  const flag = (name: string) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const port = flag('--port') ? Number(flag('--port')) : 7233;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port needs a port number, got ${flag('--port')}`);
  const runDir = path.resolve(flag('--run-dir') ?? path.join(process.cwd(), '.data', 'temporal-cluster'));
  const abort = new AbortController();
  let cluster: TemporalCluster | undefined;
  const stopAll = async (code: number) => {
    abort.abort();
    await cluster?.stop();
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stopAll(0));
  const binaries = await resolveTemporalServer({ allowBuild: true, log: say });
  cluster = await startTemporalCluster({
    binaries,
    postgresUrl: process.env.TEMPORAL_POSTGRES_URL?.trim() || LOCAL_POSTGRES_URL,
    runDir,
    port,
    log: say,
    signal: abort.signal,
  });
  say(`Temporal server ready at ${cluster.address} (log ${cluster.logFile}); Ctrl-C stops it`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
