import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, cp, link, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { findGo, goMinorVersion, isExecutableFile, temporalCliCacheDir } from './temporal-cli';

export const TEMPORAL_SERVER_MODULE = 'go.temporal.io/server';
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
const SERVER_PACKAGE = `${TEMPORAL_SERVER_MODULE}/cmd/server`;
const SQL_TOOL_PACKAGE = `${TEMPORAL_SERVER_MODULE}/cmd/tools/sql`;
/** The server's go.mod asks for Go 1.25; 1.21+ fetches that toolchain itself (GOTOOLCHAIN=auto). */
const MIN_GO_MINOR = 21;
/** The versioned PostgreSQL schema inside the module (release archives do not carry it). */
const SCHEMA_SUBDIR = path.join('schema', 'postgresql', 'v12');

export interface TemporalServerBinaries {
  /** temporal-server */
  server: string;
  /** temporal-sql-tool */
  sqlTool: string;
  /** holds temporal/versioned and visibility/versioned */
  schemaDir: string;
}

export interface ResolveTemporalServerOptions {
  /** build with `go install` when nothing usable is found (several minutes, once) */
  allowBuild?: boolean;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

/**
 * ~/.cache/ai-governance-engine/temporal-server-v1.29.1: temporal-server, temporal-sql-tool and
 * schema/postgresql/v12, one directory per version so that an upgrade never mixes them.
 */
export function temporalServerHome(): string {
  return path.join(temporalCliCacheDir(), `temporal-server-${TEMPORAL_SERVER_VERSION}`);
}

/** A directory's binaries under the names a release archive uses, or the ones `go install` gives. */
async function binariesIn(dir: string): Promise<{ server: string; sqlTool: string } | undefined> {
  for (const [server, sqlTool] of [
    ['temporal-server', 'temporal-sql-tool'],
    ['server', 'sql'],
  ]) {
    const found = { server: path.join(dir, server), sqlTool: path.join(dir, sqlTool) };
    if ((await isExecutableFile(found.server)) && (await isExecutableFile(found.sqlTool))) return found;
  }
  return undefined;
}

function hasSchema(dir: string): boolean {
  return ['temporal', 'visibility'].every((store) => existsSync(path.join(dir, store, 'versioned')));
}

async function versionOf(binary: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)(binary, ['--version'], { timeout: 30_000 });
    return /(\d+\.\d+\.\d+)/.exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}

/** Hard link when on the same file system (the binaries are ~180 MB), else a copy; atomic. */
async function install(source: string, target: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const staging = `${target}.${process.pid}.tmp`;
  await rm(staging, { force: true });
  try {
    await link(source, staging);
  } catch {
    await copyFile(source, staging);
  }
  await chmod(staging, 0o755);
  await rename(staging, target);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], signal });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-20_000)));
    child.once('error', reject);
    child.once('close', (code, sig) =>
      code === 0 ? resolve(out) : reject(new Error(`${path.basename(command)} ${args[0]} exited with ${sig ?? code}\n${err.trim().split('\n').slice(-30).join('\n')}`)),
    );
  });
}

async function usableGo(env: NodeJS.ProcessEnv): Promise<string> {
  const go = await findGo(env);
  if (!go) throw new Error('Go is not installed');
  const version = await goMinorVersion(go, env);
  if (!version) throw new Error(`could not tell the version of ${go}`);
  if (version.minor < MIN_GO_MINOR) throw new Error(`${version.text} at ${go} is too old (needs go1.${MIN_GO_MINOR}+)`);
  return go;
}

const goEnv = (env: NodeJS.ProcessEnv, extra: NodeJS.ProcessEnv = {}) => ({ ...env, GOTOOLCHAIN: env.GOTOOLCHAIN || 'auto', ...extra });

/** The module's source in Go's module cache (downloaded if need be; a no-op when cached). */
async function moduleDir(go: string, env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<string> {
  const out = await run(go, ['mod', 'download', '-json', `${TEMPORAL_SERVER_MODULE}@${TEMPORAL_SERVER_VERSION}`], goEnv(env), signal);
  const dir = (JSON.parse(out) as { Dir?: string }).Dir;
  if (!dir) throw new Error(`go mod download printed no directory for ${TEMPORAL_SERVER_MODULE}@${TEMPORAL_SERVER_VERSION}`);
  return dir;
}

async function copySchema(from: string, home: string): Promise<string> {
  const target = path.join(home, SCHEMA_SUBDIR);
  const staging = `${target}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(path.dirname(target), { recursive: true });
  // The module cache is read-only; the copy must not be, or the next copy cannot replace it.
  await cp(from, staging, { recursive: true });
  await promisify(execFile)('chmod', ['-R', 'u+w', staging]);
  await rm(target, { recursive: true, force: true });
  await rename(staging, target);
  return target;
}

async function buildWithGo(go: string, env: NodeJS.ProcessEnv, home: string, log: (line: string) => void, signal?: AbortSignal): Promise<void> {
  await mkdir(path.dirname(home), { recursive: true });
  const gobin = await mkdtemp(path.join(path.dirname(home), 'build-server-'));
  log(
    `Temporal server not found: building ${SERVER_PACKAGE} and ${SQL_TOOL_PACKAGE} @${TEMPORAL_SERVER_VERSION} with ${go} into ${home} ` +
      '(several minutes, once)',
  );
  const started = Date.now();
  try {
    await run(
      go,
      ['install', `${SERVER_PACKAGE}@${TEMPORAL_SERVER_VERSION}`, `${SQL_TOOL_PACKAGE}@${TEMPORAL_SERVER_VERSION}`],
      goEnv(env, { GOBIN: gobin }),
      signal,
    );
    await install(path.join(gobin, 'server'), path.join(home, 'temporal-server'));
    await install(path.join(gobin, 'sql'), path.join(home, 'temporal-sql-tool'));
    log(`Temporal server built in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    await rm(gobin, { recursive: true, force: true });
  }
}

/**
 * temporal-server, temporal-sql-tool and the PostgreSQL schema, in this order:
 * TEMPORAL_SERVER_HOME (a directory with the binaries, e.g. an unpacked release archive, and
 * schema/postgresql/v12 from the same tag's source, else taken from Go's module cache); the
 * cache (temporalServerHome()); binaries already built by hand into the CLI's cache bin/ as
 * `server` and `sql` (adopted when they are this version); else, when allowed, built with Go.
 */
export async function resolveTemporalServer(options: ResolveTemporalServerOptions = {}): Promise<TemporalServerBinaries> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const wanted = TEMPORAL_SERVER_VERSION.replace(/^v/, '');

  const configured = env.TEMPORAL_SERVER_HOME?.trim();
  if (configured) {
    const dir = path.resolve(configured);
    const found = await binariesIn(dir);
    if (!found) throw new Error(`TEMPORAL_SERVER_HOME=${configured} holds no temporal-server and temporal-sql-tool`);
    const schemaDir = path.join(dir, SCHEMA_SUBDIR);
    if (hasSchema(schemaDir)) return { ...found, schemaDir };
    let go: string;
    try {
      go = await usableGo(env);
    } catch (error) {
      throw new Error(
        `TEMPORAL_SERVER_HOME=${configured} has no ${SCHEMA_SUBDIR} (copy it from the source of the server's release tag) ` +
          `and Go cannot fetch it: ${(error as Error).message}`,
      );
    }
    return { ...found, schemaDir: path.join(await moduleDir(go, env, options.signal), SCHEMA_SUBDIR) };
  }

  const home = temporalServerHome();
  let binaries = await binariesIn(home);
  if (!binaries) {
    const handBuilt = await binariesIn(path.join(temporalCliCacheDir(), 'bin'));
    if (handBuilt && (await versionOf(handBuilt.server)) === wanted && (await versionOf(handBuilt.sqlTool)) === wanted) {
      await install(handBuilt.server, path.join(home, 'temporal-server'));
      await install(handBuilt.sqlTool, path.join(home, 'temporal-sql-tool'));
      log(`Temporal server ${wanted}: using the binaries in ${path.dirname(handBuilt.server)}`);
      binaries = await binariesIn(home);
    }
  }
  const schemaDir = path.join(home, SCHEMA_SUBDIR);
  if (binaries && hasSchema(schemaDir)) return { ...binaries, schemaDir };

  const missing = binaries ? `the schema in ${schemaDir}` : `temporal-server and temporal-sql-tool in ${home}`;
  if (!options.allowBuild) throw new Error(`Temporal server ${wanted}: no ${missing}; run \`node dist/scripts/temporal-cluster.js install\``);
  let go: string;
  try {
    go = await usableGo(env);
  } catch (error) {
    throw new Error(
      `Temporal server ${wanted}: no ${missing}, and it cannot be built: ${(error as Error).message}. Install Go 1.21+, ` +
        'or set TEMPORAL_SERVER_HOME to a directory holding temporal-server and temporal-sql-tool (the release archive from ' +
        `https://github.com/temporalio/temporal/releases/tag/${TEMPORAL_SERVER_VERSION}) and its ${SCHEMA_SUBDIR} (from that tag's source)`,
    );
  }
  if (!binaries) await buildWithGo(go, env, home, log, options.signal);
  if (!hasSchema(schemaDir)) await copySchema(path.join(await moduleDir(go, env, options.signal), SCHEMA_SUBDIR), home);
  binaries = await binariesIn(home);
  if (!binaries) throw new Error(`building the Temporal server left no binaries in ${home}`);
  return { ...binaries, schemaDir };
}
