import { execFile, spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, chmod, copyFile, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export const TEMPORAL_CLI_PACKAGE = 'github.com/temporalio/cli/cmd/temporal';
/**
 * Later tags put a `replace` directive in the CLI's go.mod, and `go install module@version`
 * refuses modules with one; v1.5.1 is the newest tag it accepts.
 */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
/** Go 1.21 is the first that fetches the newer toolchain the CLI's go.mod asks for (1.25). */
const MIN_GO_MINOR = 21;

export interface ResolveTemporalCliOptions {
  /** build the CLI with `go install` when Go is available (takes a few minutes, once) */
  allowBuild?: boolean;
  /** let @temporalio/testing download the dev server (needs internet access) */
  allowDownload?: boolean;
  env?: NodeJS.ProcessEnv;
  /** progress notices; stderr by default, so that stdout can carry the resolved path */
  log?: (line: string) => void;
  /** stops a build in progress (the go process is killed) and makes the call reject */
  signal?: AbortSignal;
}

/** ~/.cache/ai-governance-engine: the CLI lives in bin/, the SDK's downloads in download/. */
export function temporalCliCacheDir(): string {
  return path.join(homedir(), '.cache', 'ai-governance-engine');
}

/** Where earlier checkouts of this project built the CLI. */
function legacyCliPath(): string {
  return path.join(homedir(), '.cache', 'aigov', 'bin', 'temporal');
}

export async function isExecutableFile(file: string): Promise<boolean> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return false;
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function onPath(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** `go` from PATH, else the standard tarball location, which non-login shells often lack on PATH. */
export async function findGo(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const found = await onPath('go', env);
  if (found) return found;
  const standard = '/usr/local/go/bin/go';
  return (await isExecutableFile(standard)) ? standard : undefined;
}

export async function goMinorVersion(go: string, env: NodeJS.ProcessEnv): Promise<{ text: string; minor: number } | undefined> {
  try {
    const { stdout } = await promisify(execFile)(go, ['env', 'GOVERSION'], { env });
    const text = stdout.trim();
    const match = /^go1\.(\d+)/.exec(text);
    return match ? { text, minor: Number(match[1]) } : undefined;
  } catch {
    return undefined;
  }
}

function tail(text: string, lines = 30): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/** Puts `source` at `target` atomically, so a concurrent reader never runs half a binary. */
async function installExecutable(source: string, target: string, move: boolean): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const staging = `${target}.${process.pid}.tmp`;
  if (move) await rename(source, staging);
  else await copyFile(source, staging);
  await chmod(staging, 0o755);
  await rename(staging, target);
}

/**
 * `go install` into a private directory next to the cache (same file system, so the final
 * rename is atomic), then moves the binary into place.
 */
async function buildWithGo(
  go: string,
  env: NodeJS.ProcessEnv,
  target: string,
  log: (line: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  const cacheDir = path.dirname(path.dirname(target));
  await mkdir(cacheDir, { recursive: true });
  const gobin = await mkdtemp(path.join(cacheDir, 'build-'));
  log(
    `temporal CLI not found: building ${TEMPORAL_CLI_PACKAGE}@${TEMPORAL_CLI_VERSION} with ${go} into ${path.dirname(target)} ` +
      '(this takes a few minutes, once)',
  );
  const started = Date.now();
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(go, ['install', `${TEMPORAL_CLI_PACKAGE}@${TEMPORAL_CLI_VERSION}`], {
        // GOTOOLCHAIN=auto lets Go 1.21+ fetch the toolchain the CLI needs; an explicit setting wins.
        env: { ...env, GOBIN: gobin, GOTOOLCHAIN: env.GOTOOLCHAIN || 'auto' },
        stdio: ['ignore', 'pipe', 'pipe'],
        signal,
      });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text = (text + chunk.toString()).slice(-20_000)));
      child.stderr.on('data', (chunk: Buffer) => (text = (text + chunk.toString()).slice(-20_000)));
      child.once('error', reject);
      child.once('close', (code, signal) =>
        code === 0 ? resolve(text) : reject(new Error(`go install exited with ${signal ?? code}\n${tail(text)}`)),
      );
    });
    const built = path.join(gobin, 'temporal');
    if (!(await isExecutableFile(built))) throw new Error(`go install succeeded but left no ${built}\n${tail(output)}`);
    await installExecutable(built, target, true);
    log(`temporal CLI built in ${Math.round((Date.now() - started) / 1000)} s: ${target}`);
  } finally {
    await rm(gobin, { recursive: true, force: true });
  }
}

async function newestExecutable(dir: string): Promise<string | undefined> {
  let best: { file: string; mtime: number } | undefined;
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return undefined;
  }
  for (const name of entries) {
    const file = path.join(dir, name);
    if (!(await isExecutableFile(file))) continue;
    const { mtimeMs } = await stat(file);
    // The SDK names its downloads temporal-cli-<version>; prefer those over anything else there.
    const rank = (name.startsWith('temporal') ? 1e15 : 0) + mtimeMs;
    if (!best || rank > best.mtime) best = { file, mtime: rank };
  }
  return best?.file;
}

/**
 * Lets @temporalio/testing fetch the dev server the way it does for its own tests, then keeps a
 * copy in the cache. Starting the downloaded server is only the SDK's way of getting the file:
 * if that start fails after the download (its readiness wait is short), the file is still used.
 */
async function downloadWithSdk(target: string, log: (line: string) => void): Promise<void> {
  let testing: typeof import('@temporalio/testing');
  try {
    testing = require('@temporalio/testing');
  } catch {
    throw new Error('@temporalio/testing is not installed (it is a dev dependency; run `npm install`)');
  }
  const downloadDir = path.join(temporalCliCacheDir(), 'download');
  await mkdir(downloadDir, { recursive: true });
  log(`temporal CLI not found and no usable Go: downloading the dev server with @temporalio/testing into ${downloadDir}`);
  let startError: unknown;
  try {
    const env = await testing.TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'cached-download', downloadDir } },
    });
    await env.teardown();
  } catch (error) {
    startError = error;
  }
  const downloaded = await newestExecutable(downloadDir);
  if (!downloaded) {
    throw new Error(
      `@temporalio/testing did not download the dev server into ${downloadDir}` +
        (startError ? `: ${(startError as Error).message}` : ''),
    );
  }
  await installExecutable(downloaded, target, false);
  log(`temporal CLI downloaded: ${target}`);
}

/**
 * The `temporal` binary to run a dev server with, in this order: TEMPORAL_CLI_PATH; the copy in
 * ~/.cache/ai-governance-engine/bin; the legacy ~/.cache/aigov/bin; `temporal` on PATH; else,
 * when allowed, one built with Go or downloaded by @temporalio/testing into that cache.
 */
export async function resolveTemporalCli(options: ResolveTemporalCliOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));

  const configured = env.TEMPORAL_CLI_PATH?.trim();
  if (configured) {
    const file = path.resolve(configured);
    if (await isExecutableFile(file)) return file;
    throw new Error(`TEMPORAL_CLI_PATH=${configured} is not an executable file`);
  }

  const cached = path.join(temporalCliCacheDir(), 'bin', 'temporal');
  for (const candidate of [cached, legacyCliPath()]) {
    if (await isExecutableFile(candidate)) return candidate;
  }
  const fromPath = await onPath('temporal', env);
  if (fromPath) return fromPath;

  const problems: string[] = [];
  options.signal?.throwIfAborted();
  if (options.allowBuild) {
    const go = await findGo(env);
    const version = go ? await goMinorVersion(go, env) : undefined;
    if (!go) problems.push('Go is not installed');
    else if (!version) problems.push(`could not tell the version of ${go}`);
    else if (version.minor < MIN_GO_MINOR) problems.push(`${version.text} at ${go} is too old to build the CLI (needs go1.${MIN_GO_MINOR}+)`);
    else {
      try {
        await buildWithGo(go, env, cached, log, options.signal);
        return cached;
      } catch (error) {
        options.signal?.throwIfAborted();
        problems.push(`building with Go failed: ${(error as Error).message}`);
        log(problems[problems.length - 1]);
      }
    }
  }
  if (options.allowDownload) {
    options.signal?.throwIfAborted();
    try {
      await downloadWithSdk(cached, log);
      return cached;
    } catch (error) {
      problems.push(`download failed: ${(error as Error).message}`);
    }
  }
  throw new Error(
    'no temporal CLI: set TEMPORAL_CLI_PATH, put `temporal` on PATH, or install Go 1.21+ and run ' +
      `\`GOBIN=${path.dirname(cached)} go install ${TEMPORAL_CLI_PACKAGE}@${TEMPORAL_CLI_VERSION}\`` +
      (problems.length ? `\n${problems.map((p) => `  - ${p}`).join('\n')}` : ''),
  );
}

/** `node dist/scripts/temporal-cli.js` prints the resolved path, building or downloading it if need be. */
if (require.main === module) {
  resolveTemporalCli({ allowBuild: true, allowDownload: true }).then(
    (cli) => process.stdout.write(`${cli}\n`),
    (error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
